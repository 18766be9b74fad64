using System;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Lowers a conversation's unread count (POST /conversations/setUnread). The current count is read first: the server only
    /// moves the read position forward, so asking for more than now writes a WKUnreadCannotBeRaised error and sends nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "WKConversationUnread", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetWKConversationUnreadCommand : WKConversationCmdlet
    {
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateRange(0, int.MaxValue)]
        public int Unread { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Target, "Set unread to " + Unread.ToString(CultureInfo.InvariantCulture)))
            {
                return;
            }
            RunItem(Target, () =>
            {
                WKUnreadChange change = Run(ct => Client.Conversations.LowerUnreadAsync(Uid, ChannelId, ChannelType, Unread, ct));
                if (change.Decision == WKUnreadDecision.Unchanged)
                {
                    WriteVerbose(WKConversationCmdletLogic.UnchangedNote(change));
                }
            });
        }
    }
}
