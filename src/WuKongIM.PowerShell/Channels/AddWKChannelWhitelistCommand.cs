using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Add, "WKChannelWhitelist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = UidSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class AddWKChannelWhitelistCommand : WKChannelUidBulkCmdlet
    {
        protected override string Operation => "AddWhitelist";
        protected override string Action => "Add to the whitelist";
        protected override string Noun => "whitelisted uids";

        protected override Task SendAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.AddWhitelistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);
    }
}
