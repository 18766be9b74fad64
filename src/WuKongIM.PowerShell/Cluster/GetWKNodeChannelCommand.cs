using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Lists the channel raft groups whose slots a node leads (/cluster/nodes/:id/channels), newest first, page by page:
    /// leader, replicas, last message seq, how long ago the last append was, and whether the group is running.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKNodeChannel", SupportsPaging = true)]
    [OutputType(typeof(WKNodeChannel))]
    public sealed class GetWKNodeChannelCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("node_id")]
        public ulong NodeId { get; set; }

        /// <summary>Only this channel (then -ChannelType is needed too).</summary>
        [Parameter]
        [Alias("channel_id")]
        public string? ChannelId { get; set; }

        [Parameter]
        [Alias("channel_type")]
        public WKChannelType? ChannelType { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var window = new PagingWindow(PagingParameters.Skip, PagingParameters.First);
            if (PagingParameters.IncludeTotalCount)
            {
                // The route's total is always 0: report it as unknown (accuracy 0).
                WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            }
            RunItem(NodeId, () =>
            {
                IAsyncEnumerator<WKNodeChannel> rows = Client.Cluster.ListNodeChannelsAsync(NodeId, ChannelId, ChannelType, PageSize, CancellationToken).GetAsyncEnumerator(CancellationToken);
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
