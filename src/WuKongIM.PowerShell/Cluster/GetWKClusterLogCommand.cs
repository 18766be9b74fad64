using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Reads a node's raft log (/cluster/logs), newest first, page by page: the cluster configuration log, or a slot's.
    /// The node is always named in the request (the server crashes without one); by default the node connected to.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKClusterLog", SupportsPaging = true)]
    [OutputType(typeof(WKClusterLog))]
    public sealed class GetWKClusterLogCommand : WKApiCmdlet
    {
        /// <summary>Whose log; the node the session is connected to when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

        [Parameter]
        public WKClusterLogType LogType { get; set; } = WKClusterLogType.Config;

        /// <summary>The slot, for -LogType Slot.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("slot_id", "Slot")]
        public uint? SlotId { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var window = new PagingWindow(PagingParameters.Skip, PagingParameters.First);
            if (PagingParameters.IncludeTotalCount)
            {
                WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            }
            RunItem(NodeId, () =>
            {
                if (LogType == WKClusterLogType.Slot && SlotId == null)
                {
                    throw new WKInvalidInputException("WKSlotRequired", "-LogType Slot needs -SlotId.", "SlotId", null);
                }
                IAsyncEnumerator<WKClusterLog> rows = Client.Cluster.ListLogsAsync(NodeId, LogType, SlotId, PageSize, CancellationToken).GetAsyncEnumerator(CancellationToken);
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
