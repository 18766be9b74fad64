using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Looks messages up: by id (POST /message, or POST /messages for several), by seq (POST /messages), by client_msg_no
    /// (GET /message/byclientmsgno), the last message (GET /channel/last_message) or the highest seq
    /// (GET /channel/max_message_seq). A message that is not there is an ObjectNotFound error, never an empty success.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKMessage", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(WKMessage), ParameterSetName = new[] { IdSet, SeqSet, ClientMsgNoSet, LastSet })]
    [OutputType(typeof(WKChannelMessageSeq), ParameterSetName = new[] { MaxSeqSet })]
    public sealed class GetWKMessageCommand : WKApiCmdlet
    {
        private const string IdSet = "Id";
        private const string SeqSet = "Seq";
        private const string ClientMsgNoSet = "ClientMsgNo";
        private const string LastSet = "Last";
        private const string MaxSeqSet = "MaxSeq";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        /// <summary>For person channels: the other party (piped messages and send results bind their FromUid here).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("login_uid", "FromUid")]
        public string? LoginUid { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("message_id")]
        [ValidateNotNullOrEmpty]
        public long[] MessageId { get; set; } = new long[0];

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SeqSet)]
        [Alias("message_seq")]
        [ValidateNotNullOrEmpty]
        public ulong[] MessageSeq { get; set; } = new ulong[0];

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ClientMsgNoSet)]
        [Alias("client_msg_no")]
        [ValidateNotNullOrEmpty]
        public string[] ClientMsgNo { get; set; } = new string[0];

        /// <summary>Look the client_msg_no up among command (sync_once) messages, stored in the channel's ____cmd twin.</summary>
        [Parameter(ParameterSetName = ClientMsgNoSet)]
        public SwitchParameter SyncOnce { get; set; }

        /// <summary>How many client_msg_no look-ups run at once; results still come out in input order.</summary>
        [Parameter(ParameterSetName = ClientMsgNoSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        [Parameter(Mandatory = true, ParameterSetName = LastSet)]
        public SwitchParameter Last { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = MaxSeqSet)]
        public SwitchParameter MaxSeq { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(ChannelId, () =>
            {
                switch (ParameterSetName)
                {
                    case LastSet:
                        WriteObject(Run(ct => Client.Messages.GetLastMessageAsync(ChannelId, ChannelType, LoginUid, ct)));
                        break;
                    case MaxSeqSet:
                        ulong seq = Run(ct => Client.Messages.GetMaxMessageSeqAsync(ChannelId, ChannelType, LoginUid, ct));
                        WriteObject(new WKChannelMessageSeq { ChannelId = ChannelId, ChannelType = ChannelType, MaxMessageSeq = seq });
                        break;
                    case ClientMsgNoSet:
                        ByClientMsgNo();
                        break;
                    case SeqSet:
                        var bySeq = Run(ct => Client.Messages.GetMessagesAsync(new WKMessageLookup { ChannelId = ChannelId, ChannelType = ChannelType, LoginUid = LoginUid, MessageSeqs = MessageSeq }, ct));
                        WriteFound(bySeq, WKMessageMatch.MissingSeqs(MessageSeq, bySeq), "message seq");
                        break;
                    default:
                        ById();
                        break;
                }
            });
        }

        private void ById()
        {
            if (MessageId.Length == 1)
            {
                WriteObject(Run(ct => Client.Messages.GetMessageAsync(ChannelId, ChannelType, MessageId[0], LoginUid, ct)));
                return;
            }
            var found = Run(ct => Client.Messages.GetMessagesAsync(new WKMessageLookup { ChannelId = ChannelId, ChannelType = ChannelType, LoginUid = LoginUid, MessageIds = MessageId }, ct));
            WriteFound(found, WKMessageMatch.MissingIds(MessageId, found), "message id");
        }

        private void ByClientMsgNo()
        {
            if (ChannelType == WKChannelType.Person && string.IsNullOrWhiteSpace(LoginUid) && ChannelId.IndexOf('@') < 0)
            {
                throw new WKValidationException("A person channel is stored under both uids: give the other party as -LoginUid (or the stored a@b id as -ChannelId).", "LoginUid");
            }
            string stored = WKChannelIds.StoredChannelId(ChannelId, ChannelType, LoginUid, SyncOnce);
            // One GET /message/byclientmsgno per number (there is no batch route), ThrottleLimit at a time.
            _byClientMsgNo ??= CreateDispatcher<ClientMsgNoLookup, WKMessage>(ThrottleLimit,
                (lookup, ct) => Client.Messages.GetMessageByClientMsgNoAsync(lookup.StoredChannelId, lookup.ChannelType, lookup.ClientMsgNo, ct));
            foreach (string no in ClientMsgNo)
            {
                PostThrottled(_byClientMsgNo, new ClientMsgNoLookup(stored, ChannelType, no), o => WriteOutcome(o, o.Input.ClientMsgNo));
            }
        }

        protected override void EndProcessing() => DrainThrottled(_byClientMsgNo, o => WriteOutcome(o, o.Input.ClientMsgNo));

        private OrderedDispatcher<ClientMsgNoLookup, WKMessage>? _byClientMsgNo;

        private sealed class ClientMsgNoLookup
        {
            public ClientMsgNoLookup(string storedChannelId, WKChannelType channelType, string clientMsgNo)
            {
                StoredChannelId = storedChannelId;
                ChannelType = channelType;
                ClientMsgNo = clientMsgNo;
            }

            public string StoredChannelId { get; }
            public WKChannelType ChannelType { get; }
            public string ClientMsgNo { get; }
        }

        private void WriteFound(IReadOnlyList<WKMessage> found, IReadOnlyList<string> missing, string what)
        {
            foreach (WKMessage message in found)
            {
                WriteObject(message);
            }
            foreach (string key in missing)
            {
                // /messages skips misses silently; each one becomes its own ObjectNotFound error.
                var notFound = new WKApiException(WKErrorKind.NotFound, "POST", "/messages", 200, null, null,
                    string.Format(CultureInfo.InvariantCulture, "no {0} {1} in channel {2}", what, key, ChannelId));
                WriteWKError(notFound, key);
            }
        }
    }
}
