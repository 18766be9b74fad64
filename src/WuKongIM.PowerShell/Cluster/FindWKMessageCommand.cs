using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Searches messages across channels (GET /cluster/messages): a text or byte substring of the payload, the sender, the
    /// client_msg_no, a message id, a channel. Messages are written page by page as they arrive, newest first.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "WKMessage", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(WKMessage))]
    public sealed class FindWKMessageCommand : WKApiCmdlet
    {
        private const string TextSet = "Text";
        private const string BytesSet = "Bytes";
        private const string IdSet = "MessageId";

        /// <summary>Text the payload contains (its UTF-8 bytes are searched for).</summary>
        [Parameter(Position = 0, ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string? Text { get; set; }

        /// <summary>Bytes the payload contains.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BytesSet)]
        [ValidateNotNullOrEmpty]
        public byte[]? Bytes { get; set; }

        /// <summary>One message by id; takes no other filter.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("message_id")]
        public long MessageId { get; set; }

        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, ValueFromPipelineByPropertyName = true)]
        [Alias("from_uid")]
        public string? FromUid { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        [Alias("client_msg_no")]
        public string? ClientMsgNo { get; set; }

        /// <summary>Only this channel; a person channel is the other party's uid (with -LoginUid or -FromUid) or the stored a@b id.</summary>
        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        public string? ChannelId { get; set; }

        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType? ChannelType { get; set; }

        /// <summary>For a person channel: one party, to derive the stored id from both uids.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        [Alias("login_uid")]
        public string? LoginUid { get; set; }

        /// <summary>At most this many messages.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; } = 100;

        /// <summary>Every match, however many.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        [Parameter]
        [ValidateRange(1, ClusterApi.MaxSearchPageSize)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var search = new WKMessageSearch
            {
                Text = Text,
                Payload = Bytes,
                MessageId = ParameterSetName == IdSet ? MessageId : (long?)null,
                FromUid = string.IsNullOrEmpty(FromUid) ? null : FromUid,
                ClientMsgNo = string.IsNullOrEmpty(ClientMsgNo) ? null : ClientMsgNo,
                ChannelId = string.IsNullOrEmpty(ChannelId) ? null : ChannelId,
                ChannelType = ChannelType,
                LoginUid = LoginUid,
                PageSize = PageSize,
                MaxCount = All ? (long?)null : First,
            };
            RunItem((object?)Text ?? (object?)search.MessageId ?? search.FromUid ?? search.ClientMsgNo ?? search.ChannelId, () =>
            {
                if (All && MyInvocation.BoundParameters.ContainsKey(nameof(First)))
                {
                    throw new WKInvalidInputException("WKConflictingFilters", "Give -First or -All, not both.", "All", null);
                }
                if (ParameterSetName == TextSet && Text == null && search.FromUid == null && search.ClientMsgNo == null && search.ChannelId == null)
                {
                    throw new WKInvalidInputException("WKSearchNeedsFilter", "Say what to search for: -Text, -Bytes, -FromUid, -ClientMsgNo, -ChannelId or -MessageId.", "Text", null);
                }
                IAsyncEnumerator<WKMessage> rows = Client.Cluster.SearchMessagesAsync(search, CancellationToken).GetAsyncEnumerator(CancellationToken);
                try
                {
                    while (Run(ct => rows.MoveNextAsync().AsTask()))
                    {
                        WriteObject(rows.Current);
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
