using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists a channel's replicas with roles and last message (/cluster/channels/:id/:type/replicas), or with -Local the node answering's own.</summary>
    [Cmdlet(VerbsCommon.Get, "WKChannelReplica")]
    [OutputType(typeof(WKChannelReplica))]
    public sealed class GetWKChannelReplicaCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Only the replica on the node the session is connected to (/cluster/channels/:id/:type/localReplica).</summary>
        [Parameter]
        public SwitchParameter Local { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(new WKChannelKey(ChannelId, ChannelType), () =>
            {
                if (Local)
                {
                    WriteObject(Run(ct => Client.Cluster.GetChannelLocalReplicaAsync(ChannelId, ChannelType, ct)));
                }
                else
                {
                    WriteObject(Run(ct => Client.Cluster.GetChannelReplicasAsync(ChannelId, ChannelType, ct)), enumerateCollection: true);
                }
            });
        }
    }
}
