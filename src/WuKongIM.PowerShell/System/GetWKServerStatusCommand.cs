using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKServerStatus", DefaultParameterSetName = NodeSet)]
    [OutputType(typeof(WKServerStatus))]
    public sealed class GetWKServerStatusCommand : WKApiCmdlet
    {
        private const string NodeSet = "Node";
        private const string AllNodesSet = "AllNodes";

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = NodeSet)]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

        /// <summary>Every node's status (/varz is node-local), each asked at its own API address; an offline or unreachable node is an error.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllNodesSet)]
        public SwitchParameter AllNodes { get; set; }

        /// <summary>How many nodes are asked at a time with -AllNodes.</summary>
        [Parameter(ParameterSetName = AllNodesSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Include the node's authenticated connections (show=conn).</summary>
        [Parameter]
        public SwitchParameter IncludeConnection { get; set; }

        [Parameter]
        [ValidateRange(1, 100000)]
        public int ConnectionLimit { get; set; } = 20;

        protected override void ProcessRecord()
        {
            if (AllNodes)
            {
                WriteAllNodes();
                return;
            }
            RunItem(NodeId, () =>
            {
                WriteObject(Run(ct => Client.Server.GetStatusAsync(NodeId, IncludeConnection, IncludeConnection ? ConnectionLimit : (int?)null, ct)));
            });
        }

        private void WriteAllNodes()
        {
            RunItem("all nodes", () =>
            {
                IAsyncEnumerator<WKNodeResult<WKServerStatus>> nodes = Client.Cluster
                    .GetStatusOfAllNodesAsync(IncludeConnection, IncludeConnection ? ConnectionLimit : (int?)null, ThrottleLimit, CancellationToken).GetAsyncEnumerator(CancellationToken);
                try
                {
                    while (Run(ct => nodes.MoveNextAsync().AsTask()))
                    {
                        WKNodeResult<WKServerStatus> node = nodes.Current;
                        if (node.Succeeded)
                        {
                            WriteObject(node.Value);
                        }
                        else
                        {
                            WriteWKError(node.Error!, node.Node);
                        }
                    }
                }
                finally
                {
                    Run(ct => nodes.DisposeAsync().AsTask());
                }
            });
        }
    }
}
