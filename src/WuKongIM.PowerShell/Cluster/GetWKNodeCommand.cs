using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists the cluster's nodes: live from every node (/cluster/nodes), from the configuration (-Simple), or the node answering (-Local).</summary>
    [Cmdlet(VerbsCommon.Get, "WKNode", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(WKNode))]
    public sealed class GetWKNodeCommand : WKApiCmdlet
    {
        private const string LiveSet = "Live";
        private const string SimpleSet = "Simple";
        private const string LocalSet = "Local";

        private IReadOnlyList<WKNode>? _nodes;

        /// <summary>Only these nodes; every node when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiveSet)]
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SimpleSet)]
        [Alias("node_id")]
        public ulong[]? NodeId { get; set; }

        /// <summary>Read the node list from the configuration of the node answering (/cluster/simpleNodes): no fan-out, no uptime or versions.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SimpleSet)]
        public SwitchParameter Simple { get; set; }

        /// <summary>Only the node the session is connected to (/cluster/node).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
        public SwitchParameter Local { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(NodeId, () =>
            {
                if (Local)
                {
                    WriteObject(Run(ct => Client.Cluster.GetLocalNodeAsync(ct)));
                    return;
                }
                // Piped ids share one read of the list.
                _nodes ??= Run(ct => Simple ? Client.Cluster.GetSimpleNodesAsync(ct) : Client.Cluster.GetNodesAsync(ct));
                if (NodeId == null || NodeId.Length == 0)
                {
                    WriteObject(_nodes, enumerateCollection: true);
                    return;
                }
                foreach (ulong id in NodeId)
                {
                    WKNode? node = _nodes.FirstOrDefault(n => n.NodeId == id);
                    if (node == null)
                    {
                        WriteWKError(new WKApiException(WKErrorKind.NotFound, "GET", Simple ? "/cluster/simpleNodes" : "/cluster/nodes", null, null, "node not found",
                            "the cluster's nodes are " + string.Join(", ", _nodes.Select(n => n.NodeId))), id);
                        continue;
                    }
                    WriteObject(node);
                }
            });
        }
    }
}
