using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Unloads a channel's raft group from its leader (POST /cluster/channels/:id/:type/stop); the next message loads it again. Needs a manager login (Connect-WKServer -Credential) whose user has the 'w' permission on clusterchannelStop.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "WKClusterChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKChannelReplica))]
    public sealed class StopWKClusterChannelCommand : WKApiCmdlet
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

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            RunItem(channel, () =>
            {
                if (!ShouldProcessOrForce(Force, ChannelId + " (" + ChannelType + ")", "Stop the channel's raft group"))
                {
                    return;
                }
                Run(ct => Client.Cluster.StopChannelAsync(ChannelId, ChannelType, ct));
                if (PassThru)
                {
                    WriteObject(Run(ct => Client.Cluster.GetChannelReplicasAsync(ChannelId, ChannelType, ct)), enumerateCollection: true);
                }
            });
        }
    }
}
