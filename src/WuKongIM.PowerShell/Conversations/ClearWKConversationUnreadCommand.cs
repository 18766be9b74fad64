using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Marks a user's conversation read up to the channel's last message (POST /conversations/clearUnread).</summary>
    [Cmdlet(VerbsCommon.Clear, "WKConversationUnread", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class ClearWKConversationUnreadCommand : WKConversationCmdlet
    {
        /// <summary>Sent as message_seq (meant for very large groups); v2.2.5 accepts it but ignores it.</summary>
        [Parameter]
        [Alias("message_seq")]
        public uint? MessageSeq { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Target, "Clear unread"))
            {
                return;
            }
            RunItem(Target, () =>
            {
                Run(ct => Client.Conversations.ClearUnreadAsync(Uid, ChannelId, ChannelType, MessageSeq, ct));
            });
        }
    }
}
