using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Set, "WKChannelBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class SetWKChannelBlacklistCommand : WKChannelListReplaceCmdlet
    {
        protected override string Operation => "SetBlacklist";
        protected override string Noun => "blacklisted uids";

        protected override Task ReplaceAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.SetBlacklistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);

        protected override Task AddAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.AddBlacklistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);
    }
}
