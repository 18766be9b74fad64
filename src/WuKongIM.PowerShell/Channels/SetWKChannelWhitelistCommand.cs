using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Set, "WKChannelWhitelist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class SetWKChannelWhitelistCommand : WKChannelListReplaceCmdlet
    {
        protected override string Operation => "SetWhitelist";
        protected override string Noun => "whitelisted uids";

        protected override Task ReplaceAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.SetWhitelistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);

        protected override Task AddAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.AddWhitelistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);
    }
}
