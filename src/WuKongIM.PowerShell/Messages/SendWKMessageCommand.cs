using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Sends a message to channels (POST /message/send, safe against ambiguous failures), to many users at once
    /// (POST /message/sendbatch), or as a command message to a list of uids (subscribers mode).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "WKMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ChannelSet)]
    [OutputType(typeof(WKSendResult), ParameterSetName = new[] { ChannelSet, SubscribersSet })]
    [OutputType(typeof(WKBatchSendItem), ParameterSetName = new[] { ToUidSet })]
    public sealed class SendWKMessageCommand : WKApiCmdlet
    {
        private const string ChannelSet = "Channel";
        private const string ToUidSet = "ToUid";
        private const string SubscribersSet = "Subscribers";

        private WKCheckedPayload? _payload;
        private ChunkBuffer<string>? _batch;
        private OrderedDispatcher<WKSendMessage, WKSendResult>? _sends;
        private BulkProgress? _progress;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ChannelSet)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ChannelSet)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ToUidSet)]
        [WKScalarInput("ToUid", "Uid", OtherSetsTakeObjects = true)]
        [Alias("Uid")]
        [ValidateNotNullOrEmpty]
        public string[] ToUid { get; set; } = new string[0];

        [Parameter(Mandatory = true, ParameterSetName = SubscribersSet)]
        [ValidateNotNullOrEmpty]
        public string[] Subscribers { get; set; } = new string[0];

        [Parameter(Position = 1)]
        public string? Text { get; set; }

        [Parameter]
        public object? Payload { get; set; }

        [Parameter]
        public byte[]? PayloadBytes { get; set; }

        [Parameter]
        public string? PayloadBase64 { get; set; }

        [Parameter(ParameterSetName = ChannelSet)]
        [Parameter(ParameterSetName = SubscribersSet)]
        [Parameter(Mandatory = true, ParameterSetName = ToUidSet)]
        [Alias("from_uid")]
        [ValidateNotNullOrEmpty]
        public string? FromUid { get; set; }

        [Parameter(ParameterSetName = ChannelSet, ValueFromPipelineByPropertyName = true)]
        [Alias("client_msg_no")]
        [ValidateNotNullOrEmpty]
        public string? ClientMsgNo { get; set; }

        [Parameter]
        public SwitchParameter NoPersist { get; set; }

        [Parameter]
        public SwitchParameter RedDot { get; set; }

        [Parameter(ParameterSetName = ChannelSet)]
        public SwitchParameter SyncOnce { get; set; }

        [Parameter(ParameterSetName = ChannelSet)]
        public uint Expire { get; set; }

        [Parameter(ParameterSetName = ChannelSet)]
        public SwitchParameter Stream { get; set; }

        [Parameter(ParameterSetName = ToUidSet)]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        /// <summary>How many channel sends run at once when channels are piped in; results still come out in input order.</summary>
        [Parameter(ParameterSetName = ChannelSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void BeginProcessing()
        {
            try
            {
                // PSCustomObjects (ConvertFrom-Json) and wrapped values (Get-Content -Raw) arrive as PSObject, which the client cannot serialise.
                // Checked here once by the client's payload rule; every send below reuses the result instead of checking again.
                _payload = Client.Messages.CheckPayload(WKPayload.FromOneOf(Text, WKPowerShellValue.Unwrap(Payload), PayloadBytes, PayloadBase64));
            }
            catch (WKValidationException ex)
            {
                // Kept as a catch: every message carries this payload, so a refused one ends the command before anything is sent.
                ThrowWKError(ex, null);
            }
            _batch = new ChunkBuffer<string>(BatchSize);
            _progress = new BulkProgress(ParameterSetName == ToUidSet ? "Sending to users" : "Sending messages");
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ToUidSet:
                    foreach (string uid in ToUid)
                    {
                        IReadOnlyList<string>? full = _batch!.Add(uid);
                        if (full != null)
                        {
                            SendBatch(full);
                        }
                    }
                    break;
                case SubscribersSet:
                    Send(new WKSendMessage { Subscribers = new List<string>(Subscribers), Payload = _payload!.Bytes, FromUid = FromUid, NoPersist = NoPersist, RedDot = RedDot },
                        Subscribers.Length.ToString(CultureInfo.InvariantCulture) + " subscriber(s)", "Send command message");
                    break;
                default:
                    var message = new WKSendMessage
                    {
                        ChannelId = ChannelId,
                        ChannelType = ChannelType,
                        Payload = _payload!.Bytes,
                        FromUid = FromUid,
                        ClientMsgNo = ClientMsgNo,
                        NoPersist = NoPersist,
                        RedDot = RedDot,
                        SyncOnce = SyncOnce,
                        Expire = Expire,
                        IsStream = Stream,
                    };
                    if (!ShouldProcess("channel " + ChannelId + " (" + ChannelType + ")", "Send message"))
                    {
                        break;
                    }
                    if (!MyInvocation.ExpectingInput)
                    {
                        // One message: sent straight, without the dispatcher. SendSafelyAsync never stores a message twice.
                        bool sent = RunItem(message, () => SendOne(message));
                        WriteBulkProgress(_progress!.Advance(sent ? 1 : 0, sent ? 0 : 1));
                        break;
                    }
                    // One request per piped channel, ThrottleLimit at a time.
                    _sends ??= CreateDispatcher<WKSendMessage, WKSendResult>(ThrottleLimit, (m, ct) => Client.Messages.SendSafelyAsync(m, _payload!, ct));
                    // (an unknown outcome gets its result row in WriteSent, on the pipeline thread)
                    PostThrottled(_sends, message, WriteSent);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ToUidSet)
            {
                IReadOnlyList<string> rest = _batch!.Drain();
                if (rest.Count > 0)
                {
                    SendBatch(rest);
                }
            }
            DrainThrottled(_sends, WriteSent);
            WriteBulkProgress(_progress!.Complete());
        }

        private void WriteSent(DispatchOutcome<WKSendMessage, WKSendResult> outcome)
        {
            if (outcome.Error is WKSendOutcomeUnknownException unknown)
            {
                WriteObject(UnknownResult(outcome.Input, unknown));
            }
            WriteOutcome(outcome);
            WriteBulkProgress(_progress!.Advance(outcome.Succeeded ? 1 : 0, outcome.Succeeded ? 0 : 1));
        }

        private void Send(WKSendMessage message, string target, string action)
        {
            if (!ShouldProcess(target, action))
            {
                return;
            }
            RunItem(message, () => SendOne(message));
        }

        /// <summary>
        /// One safe send. A send whose outcome is unknown gets a result row with Outcome Unknown and its client_msg_no (so a
        /// runbook that collects results can settle it), then its WKSendOutcomeUnknown error.
        /// </summary>
        private void SendOne(WKSendMessage message)
        {
            try
            {
                WriteObject(Run(ct => Client.Messages.SendSafelyAsync(message, _payload!, ct)));
            }
            catch (WKSendOutcomeUnknownException unknown)
            {
                WriteObject(UnknownResult(message, unknown));
                throw;
            }
        }

        private static WKSendResult UnknownResult(WKSendMessage message, WKSendOutcomeUnknownException unknown) => new WKSendResult
        {
            ChannelId = message.ChannelId,
            ChannelType = message.ChannelType,
            FromUid = message.FromUid ?? string.Empty,
            ClientMsgNo = unknown.ClientMsgNo ?? string.Empty,
            Outcome = WKSendOutcome.Unknown,
        };

        private void SendBatch(IReadOnlyList<string> uids)
        {
            if (!ShouldProcess(uids.Count.ToString(CultureInfo.InvariantCulture) + " user(s) starting with " + uids[0], "Send message from " + FromUid))
            {
                return;
            }
            // Nothing is resent: a batch that failed ambiguously may have reached some or all users.
            bool sent = RunItem(uids, () =>
            {
                foreach (WKBatchSendItem item in Run(ct => Client.Messages.SendBatchAsync(FromUid!, new List<string>(uids), _payload!, NoPersist, RedDot, ct)))
                {
                    WriteObject(item);
                }
            });
            WriteBulkProgress(sent ? _progress!.Advance(uids.Count) : _progress!.Advance(0, uids.Count));
        }
    }
}
