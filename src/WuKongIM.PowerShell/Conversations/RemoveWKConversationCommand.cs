using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Removes a conversation from a user's list until a newer message arrives (POST /conversations/delete). Messages and
    /// membership stay as they are.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "WKConversation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveWKConversationCommand : WKConversationCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Target, "Remove from the conversation list (until the next message)"))
            {
                return;
            }
            RunItem(Target, () =>
            {
                Run(ct => Client.Conversations.DeleteAsync(Uid, ChannelId, ChannelType, ct));
            });
        }
    }
}
