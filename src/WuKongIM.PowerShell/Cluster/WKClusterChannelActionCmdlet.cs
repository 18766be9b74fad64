using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Start-WKClusterChannel and Stop-WKClusterChannel: one topology action on a channel's raft group, behind a High
    /// confirmation, then optionally the channel's replicas. A subclass names the action and its client call.
    /// </summary>
    public abstract class WKClusterChannelActionCmdlet : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the channel's replicas afterwards (Running says whether each has the group loaded).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The ShouldProcess action text, e.g. "Start the channel's raft group".</summary>
        protected abstract string ActionText { get; }

        /// <summary>The client call that performs the action.</summary>
        protected abstract Task ActAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken);

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            RunItem(channel, () =>
            {
                if (!ShouldProcessOrForce(Force, ChannelId + " (" + ChannelType + ")", ActionText))
                {
                    return;
                }
                Run(ct => ActAsync(ChannelId, ChannelType, ct));
                if (PassThru)
                {
                    WriteObject(Run(ct => Client.Cluster.GetChannelReplicasAsync(ChannelId, ChannelType, ct)), enumerateCollection: true);
                }
            });
        }
    }
}
