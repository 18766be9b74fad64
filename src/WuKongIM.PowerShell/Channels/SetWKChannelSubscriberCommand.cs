using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Set, "WKChannelSubscriber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class SetWKChannelSubscriberCommand : WKChannelListReplaceCmdlet
    {
        protected override string Operation => "SetSubscriber";
        protected override string Noun => "subscribers";

        protected override void ValidateChannel(WKChannelKey channel) => RequireSubscriberChannel(channel);

        // /tmpchannel/subscriber_set replaces the receivers of a temporary channel as a whole.
        protected override bool ReplaceInOneRequest(WKChannelKey channel) => channel.ChannelType == WKChannelType.Temp;

        protected override Task ReplaceAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.SetSubscribersAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);

        protected override Task AddAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.AddSubscribersAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);
    }
}
