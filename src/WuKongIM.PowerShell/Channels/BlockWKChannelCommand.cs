using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsSecurity.Block, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKChannelInfo))]
    public sealed class BlockWKChannelCommand : WKChannelFlagSwitchCmdlet
    {
        protected override WKChannelFlagChanges Changes => new WKChannelFlagChanges { Ban = true };
        protected override string Action => "Ban (every message to a banned group is dropped, API sends included; a banned person channel's user cannot connect)";
    }
}
