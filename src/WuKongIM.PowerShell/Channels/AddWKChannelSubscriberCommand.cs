using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Add, "WKChannelSubscriber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = UidSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class AddWKChannelSubscriberCommand : WKChannelUidBulkCmdlet
    {
        protected override string Operation => "AddSubscriber";
        protected override string Action => "Add subscribers";
        protected override string Noun => "subscribers";

        protected override void ValidateChannel(WKChannelKey channel) => RequireSubscriberChannel(channel);

        protected override Task SendAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.AddSubscribersAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);
    }
}
