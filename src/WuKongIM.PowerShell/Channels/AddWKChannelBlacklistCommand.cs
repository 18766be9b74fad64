using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Add, "WKChannelBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = UidSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class AddWKChannelBlacklistCommand : WKChannelUidBulkCmdlet
    {
        protected override string Operation => "AddBlacklist";
        protected override string Action => "Add to the blacklist";
        protected override string Noun => "blacklisted uids";

        protected override Task SendAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.AddBlacklistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);
    }
}
