using System;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Moves a channel's replica from one node to another (POST /cluster/channels/:id/:type/migrate). The server checks
    /// no permission on this route (only the manager token protects it); the module still requires a manager login
    /// (Connect-WKServer -Credential), as for the other topology actions.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "WKChannelReplica", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKChannelClusterConfig))]
    public sealed class MoveWKChannelReplicaCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>The node whose replica moves.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("MigrateFrom")]
        public ulong FromNodeId { get; set; }

        /// <summary>The node that receives it.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [Alias("MigrateTo")]
        public ulong ToNodeId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the channel's raft configuration afterwards (MigrateFrom and MigrateTo show the move under way).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            string action = "Move the replica on node " + FromNodeId.ToString(CultureInfo.InvariantCulture) + " to node " + ToNodeId.ToString(CultureInfo.InvariantCulture);
            RunItem(channel, () =>
            {
                if (!ShouldProcessOrForce(Force, ChannelId + " (" + ChannelType + ")", action))
                {
                    return;
                }
                Run(ct => Client.Cluster.MigrateChannelReplicaAsync(ChannelId, ChannelType, FromNodeId, ToNodeId, ct));
                if (PassThru)
                {
                    WriteObject(Run(ct => Client.Cluster.GetChannelConfigAsync(ChannelId, ChannelType, ct)));
                }
            });
        }
    }
}
