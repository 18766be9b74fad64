using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Remove, "WKChannelSubscriber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = UidSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class RemoveWKChannelSubscriberCommand : WKChannelUidBulkCmdlet
    {
        private const string AllSet = "All";

        /// <summary>Empty the whole list in one request.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Do not ask for confirmation, for the listed uids and with -All.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool ForceGiven => Force;

        protected override string Operation => "RemoveSubscriber";
        protected override string Action => "Remove subscribers";
        protected override string Noun => "subscribers";

        protected override void ValidateChannel(WKChannelKey channel) => RequireSubscriberChannel(channel);

        protected override Task SendAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.RemoveSubscribersAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);

        protected override void ProcessRecord()
        {
            if (ParameterSetName != AllSet)
            {
                base.ProcessRecord();
                return;
            }
            var channel = new WKChannelKey(ChannelId, ChannelType);
            RemoveEntireList(channel, "subscriber list", Force, ct => Client.Channels.RemoveAllSubscribersAsync(channel.ChannelId, channel.ChannelType, ct));
        }
    }
}
