using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Lock, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKChannelInfo))]
    public sealed class LockWKChannelCommand : WKChannelFlagSwitchCmdlet
    {
        protected override WKChannelFlagChanges Changes => new WKChannelFlagChanges { SendBan = true };
        protected override string Action => "Mute all members (send_ban)";

        protected override void Warn(WKChannelKey channel)
        {
            if (channel.ChannelType != WKChannelType.Person)
            {
                WriteWarning(channel + ": WuKongIM v2.2.5 stores send_ban on group channels but does not enforce it; only a person channel's send_ban stops that user from sending. To silence a group, use Set-WKChannelWhitelist with the uids that may still speak, or Block-WKChannel.");
            }
        }
    }
}
