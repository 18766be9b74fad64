using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists client connections (GET /connz, paged), optionally of one uid, sorted as the server sorts.</summary>
    [Cmdlet(VerbsCommon.Get, "WKConnection", SupportsPaging = true, DefaultParameterSetName = NodeSet)]
    [OutputType(typeof(WKConnection))]
    public sealed class GetWKConnectionCommand : WKApiCmdlet
    {
        private const string NodeSet = "Node";
        private const string AllNodesSet = "AllNodes";

        /// <summary>Only this user's connections (exact; the server's own filter is a substring match, see -Match).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("Uid", "UserId")]
        [Alias("UserId")]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string? Uid { get; set; }

        /// <summary>Treat -Uid as the server does: every uid containing it.</summary>
        [Parameter]
        public SwitchParameter Match { get; set; }

        [Parameter]
        [ValidateSet("id", "idDesc", "inMsg", "inMsgDesc", "outMsg", "outMsgDesc", "inMsgBytes", "inMsgBytesDesc", "outMsgBytes", "outMsgBytesDesc",
            "uptime", "uptimeDesc", "outPacket", "outPacketDesc", "inPacket", "inPacketDesc", "inPacketBytes", "inPacketBytesDesc",
            "outPacketBytes", "outPacketBytesDesc", "idle", "idleDesc", "protoVersion", "protoVersionDesc")]
        public string? Sort { get; set; }

        /// <summary>The node to ask (forwarded by the server); this node when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = NodeSet)]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

        /// <summary>
        /// Every node's connections (/connz is node-local): each online node of /cluster/nodes is asked at its own API
        /// address; an offline or unreachable node is reported as an error, and the others still answer.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AllNodesSet)]
        public SwitchParameter AllNodes { get; set; }

        /// <summary>How many nodes are asked at a time with -AllNodes.</summary>
        [Parameter(ParameterSetName = AllNodesSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        [ValidateRange(1, 10000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var window = new PagingWindow(PagingParameters.Skip, PagingParameters.First);
            if (PagingParameters.IncludeTotalCount)
            {
                // The server has no usable total (always 0, or unfiltered): report it as unknown (accuracy 0).
                WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            }
            bool exact = !Match && !string.IsNullOrEmpty(Uid);
            if (AllNodes)
            {
                WriteAllNodes(window, exact);
                return;
            }
            RunItem(Uid, () =>
            {
                // The client's listing keeps its place when rows written here are closed downstream (| Disconnect-WKConnection).
                IAsyncEnumerator<WKConnection> rows = Client.Connections.ListConnectionsAsync(Uid, exact, Sort, NodeId, PageSize, CancellationToken).GetAsyncEnumerator(CancellationToken);
                try
                {
                    while (!window.Done && Run(ct => rows.MoveNextAsync().AsTask()))
                    {
                        if (window.Take())
                        {
                            WriteObject(rows.Current);
                        }
                    }
                }
                finally
                {
                    Run(ct => rows.DisposeAsync().AsTask());
                }
            });
        }

        private void WriteAllNodes(PagingWindow window, bool exact)
        {
            RunItem(Uid, () =>
            {
                IAsyncEnumerator<WKNodeResult<IReadOnlyList<WKConnection>>> nodes = Client.Cluster
                    .GetConnectionsOfAllNodesAsync(Uid, exact, Sort, PageSize, ThrottleLimit, CancellationToken).GetAsyncEnumerator(CancellationToken);
                try
                {
                    while (!window.Done && Run(ct => nodes.MoveNextAsync().AsTask()))
                    {
                        WKNodeResult<IReadOnlyList<WKConnection>> node = nodes.Current;
                        if (!node.Succeeded)
                        {
                            // The node's share is missing: say so, and go on with the other nodes.
                            WriteWKError(node.Error!, node.Node);
                            continue;
                        }
                        foreach (WKConnection connection in node.Value!)
                        {
                            if (window.Take())
                            {
                                WriteObject(connection);
                            }
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
