using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists client connections (GET /connz, paged), optionally of one uid, sorted as the server sorts.</summary>
    [Cmdlet(VerbsCommon.Get, "WKConnection", SupportsPaging = true)]
    [OutputType(typeof(WKConnection))]
    public sealed class GetWKConnectionCommand : WKUsersCmdlet
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
            int offset = 0;
            try
            {
                while (!window.Done)
                {
                    WKConnectionPage page = Run(ct => Client.Connections.GetConnectionsAsync(offset, PageSize, Uid, Sort, NodeId, ct));
                    WKConnection[] rows = page.Connections ?? new WKConnection[0];
                    foreach (WKConnection connection in rows)
                    {
                        if ((!exact || connection.Uid == Uid) && window.Take())
                        {
                            WriteObject(connection);
                        }
                    }
                    if (rows.Length < PageSize)
                    {
                        break;
                    }
                    offset += rows.Length;
                }
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteWKError(ex, Uid);
            }
        }
    }
}
