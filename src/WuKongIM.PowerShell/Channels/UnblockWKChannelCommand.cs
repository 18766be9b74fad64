using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsSecurity.Unblock, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKChannelInfo))]
    public sealed class UnblockWKChannelCommand : WKChannelFlagSwitchCmdlet
    {
        protected override WKChannelFlagChanges Changes => new WKChannelFlagChanges { Ban = false };
        protected override string Action => "Lift the ban";
    }
}
