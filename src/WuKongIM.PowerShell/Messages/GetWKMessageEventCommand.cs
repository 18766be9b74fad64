using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Reads the lanes of a stream message (POST /message/eventsync), page by page while the server says there is more.</summary>
    [Cmdlet(VerbsCommon.Get, "WKMessageEvent")]
    [OutputType(typeof(WKMessageEvent))]
    public sealed class GetWKMessageEventCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("client_msg_no")]
        [ValidateNotNullOrEmpty]
        public string ClientMsgNo { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("from_uid")]
        public string? FromUid { get; set; }

        [Parameter]
        [Alias("event_key", "Lane")]
        public string? EventKey { get; set; }

        [Parameter]
        [Alias("from_msg_event_seq")]
        public ulong AfterSeq { get; set; }

        [Parameter]
        public SwitchParameter IncludePrivate { get; set; }

        /// <summary>Ask through /cluster/message/eventsync, the relay the manager listener (port 5300) offers.</summary>
        [Parameter]
        public SwitchParameter ViaCluster { get; set; }

        [Parameter]
        [ValidateRange(1, 2000)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            var query = new WKMessageEventQuery
            {
                ChannelId = ChannelId,
                ChannelType = ChannelType,
                ClientMsgNo = ClientMsgNo,
                FromUid = FromUid,
                EventKey = EventKey,
                AfterSeq = AfterSeq,
                IncludePrivate = IncludePrivate,
                PageSize = PageSize,
                ViaCluster = ViaCluster,
            };
            RunItem(ClientMsgNo, () =>
            {
                while (true)
                {
                    WKMessageEventPage page = Run(ct => Client.Messages.SyncEventsAsync(query, ct));
                    foreach (WKMessageEvent e in page.Events)
                    {
                        WriteObject(e);
                    }
                    if (!page.More || page.NextMsgEventSeq <= query.AfterSeq)
                    {
                        break;
                    }
                    query.AfterSeq = page.NextMsgEventSeq;
                }
            });
        }
    }
}
