using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists client connections (GET /connz, paged), optionally of one uid, sorted as the server sorts.</summary>
    [Cmdlet(VerbsCommon.Get, "WKConnection", SupportsPaging = true)]
    [OutputType(typeof(WKConnection))]
    public sealed class GetWKConnectionCommand : WKApiCmdlet
    {
        /// <summary>Only this user's connections (exact; the server's own filter is a substring match, see -Match).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
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
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

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
    }
}
