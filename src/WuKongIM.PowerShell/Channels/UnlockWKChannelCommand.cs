using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Unlock, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKChannelInfo))]
    public sealed class UnlockWKChannelCommand : WKChannelFlagSwitchCmdlet
    {
        protected override WKChannelFlagChanges Changes => new WKChannelFlagChanges { SendBan = false };
        protected override string Action => "Unmute all members (clear send_ban)";
    }
}
