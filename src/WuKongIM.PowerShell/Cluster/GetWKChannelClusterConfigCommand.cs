using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Reads a channel's raft configuration (/cluster/channels/:id/:type/config) from its slot leader: replicas, leader, term, migration.</summary>
    [Cmdlet(VerbsCommon.Get, "WKChannelClusterConfig")]
    [OutputType(typeof(WKChannelClusterConfig))]
    public sealed class GetWKChannelClusterConfigCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        protected override void ProcessRecord()
        {
            RunItem(new WKChannelKey(ChannelId, ChannelType), () =>
            {
                WriteObject(Run(ct => Client.Cluster.GetChannelConfigAsync(ChannelId, ChannelType, ct)));
            });
        }
    }
}
