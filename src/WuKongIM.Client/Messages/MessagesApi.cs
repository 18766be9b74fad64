using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Sending, history, look-ups and stream events (wukongim-api.md §3.7, §3.9). Sends are not idempotent: the server
    /// does not de-duplicate by client_msg_no, so a send is never repeated blindly (see <see cref="SendSafelyAsync"/>).
    /// </summary>
    public sealed partial class MessagesApi
    {
        private readonly WKClient _client;

        internal MessagesApi(WKClient client) => _client = client;

        /// <summary>Payloads above this size are refused before sending (<see cref="WKPayload.DefaultMaxBytes"/>).</summary>
        public int MaxPayloadBytes { get; set; } = WKPayload.DefaultMaxBytes;

        /// <summary>
        /// How long <see cref="SendSafelyAsync"/> waits before looking a message up after an ambiguous failure. A real
        /// server persists asynchronously (typically within milliseconds of answering), so the look-up must not run too early.
        /// </summary>
        public TimeSpan SafeSendLookupDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>A new client_msg_no: 32 hex digits, like the server's own (which adds a trailing "0").</summary>
        public static string NewClientMsgNo() => Guid.NewGuid().ToString("N");

        /// <summary>
        /// The client's one payload rule: refuses an empty payload and one above <see cref="MaxPayloadBytes"/>
        /// (<see cref="WKValidationException"/>). Every send runs it, once; pass the result to the send overloads to
        /// check a payload shared by many sends only once, before anything is sent.
        /// </summary>
        public WKCheckedPayload CheckPayload(byte[]? payload)
        {
            WKPayload.CheckSize(payload, MaxPayloadBytes);
            return new WKCheckedPayload(payload!);
        }

        // ------------------------------------------------------------ sending

        /// <summary>
        /// One <c>POST /message/send</c>, never retried after an ambiguous failure, which is thrown as
        /// <see cref="WKSendOutcomeUnknownException"/> (the message may have been stored). A missing client_msg_no is
        /// generated for the request and returned in the result, and in that exception, so the caller can look the
        /// message up; <paramref name="message"/> itself is never changed.
        /// </summary>
        public Task<WKSendResult> SendAsync(WKSendMessage message, CancellationToken cancellationToken = default) =>
            PostSendAsync(message, BuildSendBody(message, null, NewClientMsgNo), cancellationToken);

        /// <summary>Sends a body built by <see cref="BuildSendBody"/>: the one request path of SendAsync and SendSafelyAsync.</summary>
        private async Task<WKSendResult> PostSendAsync(WKSendMessage message, WKSendMessageBody body, CancellationToken cancellationToken)
        {
            WKDataEnvelope<WKSendResponseData> envelope;
            try
            {
                envelope = await _client.PostAsync("/message/send", body, MessagesJsonContext.Default.WKSendMessageBody,
                    MessagesJsonContext.Default.WKDataEnvelopeWKSendResponseData, false, cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex) when (MayHaveBeenStored(ex) && !(ex is WKSendOutcomeUnknownException))
            {
                throw new WKSendOutcomeUnknownException(ex, body.ClientMsgNo, message.ChannelId, message.ChannelType);
            }
            return new WKSendResult
            {
                ChannelId = message.ChannelId,
                ChannelType = message.ChannelType,
                FromUid = message.FromUid ?? string.Empty,
                ClientMsgNo = envelope.Data?.ClientMsgNo ?? body.ClientMsgNo ?? string.Empty,
                MessageId = envelope.Data?.MessageId ?? 0,
                Subscribers = body.Subscribers == null ? null : new WKList<string>(body.Subscribers),
                Outcome = WKSendOutcome.Sent,
            };
        }

        /// <summary>
        /// Sends a message so that it is stored at most once. When a send fails ambiguously (timed out, the connection
        /// broke after the request went out, or a 502/503/504 answer), the message is looked up by its client_msg_no and sent again only if it is
        /// not there; this repeats up to the transport's retry count. Messages that cannot be looked up (no_persist,
        /// subscribers mode) are never re-sent: the ambiguous error is thrown instead.
        /// </summary>
        public Task<WKSendResult> SendSafelyAsync(WKSendMessage message, CancellationToken cancellationToken = default) =>
            SendSafelyAsync(message, null, cancellationToken);

        /// <summary>
        /// <see cref="SendSafelyAsync(WKSendMessage, CancellationToken)"/> with a payload checked beforehand by
        /// <see cref="CheckPayload"/>: it is sent in place of the message's own <see cref="WKSendMessage.Payload"/>
        /// (which is left unchanged) and not checked again. Null sends the message's own payload, checked here.
        /// </summary>
        public async Task<WKSendResult> SendSafelyAsync(WKSendMessage message, WKCheckedPayload? payload, CancellationToken cancellationToken = default)
        {
            // Built (and checked) once: every attempt sends the same client_msg_no, so a stored attempt can be found.
            WKSendMessageBody body = BuildSendBody(message, payload, NewClientMsgNo);
            bool lookable = !message.NoPersist && !message.SubscribersMode;
            int attempts = 0;
            int maxAttempts = 1 + _client.Transport.MaximumRetryCount;
            while (true)
            {
                attempts++;
                try
                {
                    WKSendResult result = await PostSendAsync(message, body, cancellationToken).ConfigureAwait(false);
                    result.Attempts = attempts;
                    result.Outcome = attempts == 1 ? WKSendOutcome.Sent : WKSendOutcome.ResentAfterAmbiguousFailure;
                    return result;
                }
                catch (WKApiException ex) when (MayHaveBeenStored(ex) && lookable && attempts < maxAttempts)
                {
                    if (SafeSendLookupDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(SafeSendLookupDelay, cancellationToken).ConfigureAwait(false);
                    }
                    WKMessage? stored;
                    try
                    {
                        stored = await FindSentAsync(message, body.ClientMsgNo, cancellationToken).ConfigureAwait(false);
                    }
                    catch (WKApiException)
                    {
                        // Without an answer from the look-up the outcome stays unknown: report the ambiguous send, never resend.
                        ExceptionDispatchInfo.Capture(ex).Throw();
                        throw;
                    }
                    if (stored != null)
                    {
                        return new WKSendResult
                        {
                            ChannelId = message.ChannelId,
                            ChannelType = message.ChannelType,
                            FromUid = message.FromUid ?? string.Empty,
                            ClientMsgNo = stored.ClientMsgNo,
                            MessageId = stored.MessageId,
                            MessageSeq = stored.MessageSeq,
                            Outcome = WKSendOutcome.FoundAfterAmbiguousFailure,
                            Attempts = attempts,
                        };
                    }
                }
            }
        }

        /// <summary>
        /// True when a failed send may or may not have been stored: the transport's ambiguous failures, and 502/503/504
        /// answers, which a proxy or gateway may give after it forwarded the request. Looking up before resending makes
        /// retrying these safe (the transport itself never repeats a send).
        /// </summary>
        private static bool MayHaveBeenStored(WKApiException ex) => ex.MayHaveBeenProcessed || ex.Kind == WKErrorKind.Unavailable;

        /// <summary>The stored message with the send's client_msg_no, or null (looked up where the server stores it).</summary>
        public Task<WKMessage?> FindSentAsync(WKSendMessage message, CancellationToken cancellationToken = default) =>
            FindSentAsync(message, message.ClientMsgNo, cancellationToken);

        private async Task<WKMessage?> FindSentAsync(WKSendMessage message, string? clientMsgNo, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(clientMsgNo) || message.SubscribersMode)
            {
                return null;
            }
            string stored = WKChannelIds.StoredChannelId(message.ChannelId, message.ChannelType, message.FromUid, message.SyncOnce);
            try
            {
                return await GetMessageByClientMsgNoAsync(stored, message.ChannelType, clientMsgNo!, cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.NotFound)
            {
                return null;
            }
        }

        /// <summary>
        /// Checks a message and builds its request body, without changing the message: the payload is
        /// <paramref name="payload"/> when given (already checked), else the message's own, checked here; a missing
        /// client_msg_no comes from <paramref name="newClientMsgNo"/>, and subscribers mode is sent as sync_once (the server
        /// accepts subscribers only for command messages).
        /// </summary>
        internal WKSendMessageBody BuildSendBody(WKSendMessage message, WKCheckedPayload? payload, Func<string> newClientMsgNo)
        {
            if (message == null)
            {
                throw new WKValidationException("A message is required.");
            }
            payload ??= CheckPayload(message.Payload);
            if (message.SubscribersMode)
            {
                if (!string.IsNullOrWhiteSpace(message.ChannelId))
                {
                    throw new WKValidationException("Give either a channel or subscribers, not both (the server refuses: 无法处理发送消息请求！).", "ChannelId");
                }
                if (message.Subscribers!.Any(string.IsNullOrWhiteSpace))
                {
                    throw new WKValidationException("A subscriber uid is empty.", "Subscribers");
                }
            }
            else
            {
                if (string.IsNullOrWhiteSpace(message.ChannelId))
                {
                    throw new WKValidationException("The channel id is empty (the server refuses: 无法处理发送消息请求！).", "ChannelId");
                }
                WKIds.RequireChannelId(message.ChannelId, "ChannelId");
                if (WKChannelIds.HasSpecialChar(message.ChannelId))
                {
                    throw new WKValidationException("The channel id '" + message.ChannelId + "' contains @, # or & (the server refuses: 频道ID不合法！).", "ChannelId");
                }
                if (message.ChannelType == 0)
                {
                    throw new WKValidationException("A channel type is required (the server would store the message under type 0).", "ChannelType");
                }
            }
            bool syncOnce = message.SyncOnce || message.SubscribersMode;
            return new WKSendMessageBody
            {
                Header = new WKMessageHeader { NoPersist = message.NoPersist ? 1 : 0, RedDot = message.RedDot ? 1 : 0, SyncOnce = syncOnce ? 1 : 0 },
                ClientMsgNo = string.IsNullOrWhiteSpace(message.ClientMsgNo) ? newClientMsgNo() : message.ClientMsgNo,
                IsStream = message.IsStream ? 1 : 0,
                FromUid = string.IsNullOrWhiteSpace(message.FromUid) ? null : message.FromUid,
                ChannelId = message.SubscribersMode ? string.Empty : message.ChannelId,
                ChannelType = message.SubscribersMode ? (byte)0 : (byte)message.ChannelType,
                Expire = message.Expire,
                Subscribers = message.SubscribersMode ? message.Subscribers!.ToArray() : null,
                Payload = payload.Bytes,
            };
        }

        /// <summary>
        /// <c>POST /message/sendbatch</c>: the same payload as a person message from <paramref name="fromUid"/> to each uid.
        /// Returns one item per uid; the server's <c>fail_uids</c>/<c>reason</c> mark the failed ones.
        /// Not retried after an ambiguous failure (the server generates the client_msg_nos, so nothing can be looked up).
        /// </summary>
        public Task<IReadOnlyList<WKBatchSendItem>> SendBatchAsync(string fromUid, IReadOnlyCollection<string> uids, byte[] payload, bool noPersist = false, bool redDot = false, CancellationToken cancellationToken = default) =>
            SendBatchCoreAsync(fromUid, uids, payload, null, noPersist, redDot, cancellationToken);

        /// <summary><see cref="SendBatchAsync(string, IReadOnlyCollection{string}, byte[], bool, bool, CancellationToken)"/> with a payload checked beforehand by <see cref="CheckPayload"/>, not checked again.</summary>
        public Task<IReadOnlyList<WKBatchSendItem>> SendBatchAsync(string fromUid, IReadOnlyCollection<string> uids, WKCheckedPayload payload, bool noPersist = false, bool redDot = false, CancellationToken cancellationToken = default) =>
            SendBatchCoreAsync(fromUid, uids, null, payload ?? throw new ArgumentNullException(nameof(payload)), noPersist, redDot, cancellationToken);

        /// <summary>The batch send; the raw payload is checked (after the sender and recipients) only when no checked one is given.</summary>
        private async Task<IReadOnlyList<WKBatchSendItem>> SendBatchCoreAsync(string fromUid, IReadOnlyCollection<string> uids, byte[]? payload, WKCheckedPayload? checkedPayload, bool noPersist, bool redDot, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(fromUid))
            {
                throw new WKValidationException("A sender (from uid) is required for a batch send (the server refuses: from_uid不能为空！).", "FromUid");
            }
            if (uids == null || uids.Count == 0)
            {
                throw new WKValidationException("At least one recipient uid is required (the server refuses: subscribers不能为空！).", "ToUid");
            }
            checkedPayload ??= CheckPayload(payload);
            var body = new WKSendBatchBody
            {
                Header = new WKMessageHeader { NoPersist = noPersist ? 1 : 0, RedDot = redDot ? 1 : 0 },
                FromUid = fromUid,
                Subscribers = uids.ToArray(),
                Payload = checkedPayload.Bytes,
            };
            WKSendBatchResponse response;
            try
            {
                response = await _client.PostAsync("/message/sendbatch", body, MessagesJsonContext.Default.WKSendBatchBody, MessagesJsonContext.Default.WKSendBatchResponse, false, cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex) when (MayHaveBeenStored(ex))
            {
                throw new WKSendOutcomeUnknownException(ex, null, null, WKChannelType.Person);
            }
            return BatchItems(fromUid, body.Subscribers, response.FailUids, response.Reason);
        }

        /// <summary>One item per requested uid, in request order; a uid listed in fail_uids gets the reason at the same index.</summary>
        internal static IReadOnlyList<WKBatchSendItem> BatchItems(string fromUid, IReadOnlyList<string> uids, string[]? failUids, string[]? reasons)
        {
            var failed = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
            if (failUids != null)
            {
                for (int i = 0; i < failUids.Length; i++)
                {
                    if (!failed.TryGetValue(failUids[i], out Queue<string>? queue))
                    {
                        failed[failUids[i]] = queue = new Queue<string>();
                    }
                    queue.Enqueue(reasons != null && i < reasons.Length ? reasons[i] : "failed (no reason given)");
                }
            }
            var items = new List<WKBatchSendItem>(uids.Count);
            foreach (string uid in uids)
            {
                bool fail = failed.TryGetValue(uid, out Queue<string>? q) && q.Count > 0;
                items.Add(new WKBatchSendItem { Uid = uid, FromUid = fromUid, Succeeded = !fail, Reason = fail ? q!.Dequeue() : null });
            }
            return items;
        }

        // ------------------------------------------------------------ history

        /// <summary>One raw <c>POST /channel/messagesync</c>. The limit must be 1 to 10000: the server has no default.</summary>
        public Task<WKMessagePage> SyncChannelMessagesAsync(WKMessageSyncRequest request, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(request.ChannelId))
            {
                throw new WKValidationException("The channel id is empty.", "ChannelId");
            }
            WKIds.RequireChannelId(request.ChannelId, "ChannelId");
            if (string.IsNullOrWhiteSpace(request.LoginUid))
            {
                throw new WKValidationException("A login uid is required by /channel/messagesync.", "LoginUid");
            }
            if (request.Limit < 1 || request.Limit > 10000)
            {
                throw new WKValidationException("The limit must be between 1 and 10000: without one the server returns nothing (or everything) and a pager would loop forever.", "Limit");
            }
            return _client.PostAsync("/channel/messagesync", request, MessagesJsonContext.Default.WKMessageSyncRequest, MessagesJsonContext.Default.WKMessagePage, true, cancellationToken);
        }

        /// <summary>A pager that reads the history page by page (one request per page, none after the last).</summary>
        public WKChannelMessagePager CreatePager(WKChannelMessageQuery query) => new WKChannelMessagePager(this, query);

        /// <summary>The channel's history as a stream: each page is requested only when the previous one was consumed.</summary>
        public async IAsyncEnumerable<WKMessage> GetChannelMessagesAsync(WKChannelMessageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            WKChannelMessagePager pager = CreatePager(query);
            while (!pager.Finished)
            {
                IReadOnlyList<WKMessage> page = await pager.NextPageAsync(cancellationToken).ConfigureAwait(false);
                foreach (WKMessage message in page)
                {
                    yield return message;
                }
            }
        }

        // ------------------------------------------------------------ look-ups

        /// <summary><c>POST /message</c> by message id. Not found → <see cref="WKErrorKind.NotFound"/>.</summary>
        public Task<WKMessage> GetMessageAsync(string channelId, WKChannelType channelType, long messageId, string? loginUid = null, CancellationToken cancellationToken = default)
        {
            CheckChannel(channelId, channelType, loginUid, personNeedsLogin: true);
            if (messageId <= 0)
            {
                throw new WKValidationException("A message id (greater than 0) is required.", "MessageId");
            }
            var body = new WKSearchMessageBody { ChannelId = channelId, ChannelType = (byte)channelType, LoginUid = loginUid ?? string.Empty, MessageId = messageId };
            return _client.PostAsync("/message", body, MessagesJsonContext.Default.WKSearchMessageBody, MessagesJsonContext.Default.WKMessage, true, cancellationToken);
        }

        /// <summary><c>POST /messages</c>: seqs, then ids, then client_msg_nos; misses are skipped by the server.</summary>
        public async Task<IReadOnlyList<WKMessage>> GetMessagesAsync(WKMessageLookup lookup, CancellationToken cancellationToken = default)
        {
            CheckChannel(lookup.ChannelId, lookup.ChannelType, lookup.LoginUid, personNeedsLogin: true);
            var body = new WKSearchMessagesBody
            {
                ChannelId = lookup.ChannelId,
                ChannelType = (byte)lookup.ChannelType,
                LoginUid = lookup.LoginUid ?? string.Empty,
                MessageSeqs = lookup.MessageSeqs?.ToArray() ?? Array.Empty<ulong>(),
                MessageIds = lookup.MessageIds?.ToArray() ?? Array.Empty<long>(),
                ClientMsgNos = lookup.ClientMsgNos?.ToArray() ?? Array.Empty<string>(),
            };
            if (body.MessageSeqs.Any(s => s == 0 || s > uint.MaxValue))
            {
                throw new WKValidationException("Message seqs must be between 1 and 4294967295 (the server stores them as uint32).", "MessageSeq");
            }
            WKMessagePage page = await _client.PostAsync("/messages", body, MessagesJsonContext.Default.WKSearchMessagesBody, MessagesJsonContext.Default.WKMessagePage, true, cancellationToken).ConfigureAwait(false);
            return page.Messages;
        }

        /// <summary>
        /// <c>GET /message/byclientmsgno</c> with the stored channel id (for person channels the derived <c>a@b</c> id:
        /// use <see cref="WKChannelIds.PersonChannelId"/>; the server does not convert). The oldest match wins.
        /// </summary>
        public Task<WKMessage> GetMessageByClientMsgNoAsync(string storedChannelId, WKChannelType channelType, string clientMsgNo, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(storedChannelId))
            {
                throw new WKValidationException("The channel id is empty.", "ChannelId");
            }
            WKIds.RequireChannelId(storedChannelId, "ChannelId");
            if (channelType == 0)
            {
                throw new WKValidationException("A channel type is required.", "ChannelType");
            }
            if (string.IsNullOrWhiteSpace(clientMsgNo))
            {
                throw new WKValidationException("The client_msg_no is empty.", "ClientMsgNo");
            }
            var request = new WKRequest("GET", "/message/byclientmsgno")
                .AddQuery("channel_id", storedChannelId)
                .AddQuery("channel_type", (long)channelType)
                .AddQuery("client_msg_no", clientMsgNo);
            return _client.GetAsync(request, MessagesJsonContext.Default.WKMessage, cancellationToken);
        }

        /// <summary>
        /// <c>GET /channel/last_message</c>. Throws <see cref="WKErrorKind.NotFound"/> when the channel has no message,
        /// including a never-activated channel, for which a single v2.2.5 node answers ERR(获取频道所在节点失败！).
        /// </summary>
        public async Task<WKMessage> GetLastMessageAsync(string channelId, WKChannelType channelType, string? loginUid, CancellationToken cancellationToken = default)
        {
            CheckChannel(channelId, channelType, loginUid, personNeedsLogin: true);
            var request = new WKRequest("GET", "/channel/last_message")
                .AddQuery("channel_id", channelId)
                .AddQuery("channel_type", (long)channelType)
                .AddQuery("login_uid", string.IsNullOrEmpty(loginUid) ? null : loginUid);
            try
            {
                return await _client.GetAsync(request, MessagesJsonContext.Default.WKMessage, cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.BadRequest && ex.ServerMessage == "获取频道所在节点失败！")
            {
                throw new WKApiException(WKErrorKind.NotFound, ex.Method, ex.Path, ex.HttpStatus, ex.ServerStatus, ex.ServerMessage, "the channel has never been activated", ex);
            }
        }

        /// <summary>
        /// <see cref="GetLastMessageAsync"/>, with "the channel has no message" (including a never-activated channel) as
        /// null instead of a <see cref="WKErrorKind.NotFound"/> error.
        /// </summary>
        public async Task<WKMessage?> FindLastMessageAsync(string channelId, WKChannelType channelType, string? loginUid, CancellationToken cancellationToken = default)
        {
            try
            {
                return await GetLastMessageAsync(channelId, channelType, loginUid, cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.NotFound)
            {
                return null;
            }
        }

        /// <summary>
        /// <c>GET /channel/max_message_seq</c>: the highest seq, 0 for an empty channel. A never-activated channel makes
        /// a single node answer ERR(not found); that is also 0.
        /// </summary>
        public async Task<ulong> GetMaxMessageSeqAsync(string channelId, WKChannelType channelType, string? loginUid, CancellationToken cancellationToken = default)
        {
            CheckChannel(channelId, channelType, loginUid, personNeedsLogin: channelId == null || channelId.IndexOf('@') < 0);
            var request = new WKRequest("GET", "/channel/max_message_seq")
                .AddQuery("channel_id", channelId)
                .AddQuery("channel_type", (long)channelType)
                .AddQuery("login_uid", string.IsNullOrEmpty(loginUid) ? null : loginUid);
            try
            {
                WKMaxSeqResponse response = await _client.GetAsync(request, MessagesJsonContext.Default.WKMaxSeqResponse, cancellationToken).ConfigureAwait(false);
                return response.MessageSeq;
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.BadRequest && ex.ServerMessage == "not found")
            {
                return 0;
            }
        }

        private static void CheckChannel(string channelId, WKChannelType channelType, string? loginUid, bool personNeedsLogin)
        {
            if (string.IsNullOrWhiteSpace(channelId))
            {
                throw new WKValidationException("The channel id is empty.", "ChannelId");
            }
            WKIds.RequireChannelId(channelId, "ChannelId");
            if (channelType == 0)
            {
                throw new WKValidationException("A channel type is required.", "ChannelType");
            }
            if (channelType == WKChannelType.Person && personNeedsLogin && string.IsNullOrWhiteSpace(loginUid))
            {
                throw new WKValidationException("A person channel is stored under both uids: give the other party as the login uid (-LoginUid).", "LoginUid");
            }
        }

        // ------------------------------------------------------------ stream events

        /// <summary><c>POST /message/event</c>. stream.delta is kept in memory only (seq 0); every other type is persisted.</summary>
        public async Task<WKMessageEventResult> AddEventAsync(WKMessageEventRequest request, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(request.ChannelId))
            {
                throw new WKValidationException("The channel id is empty (the server refuses: channel_id不能为空！).", "ChannelId");
            }
            WKIds.RequireChannelId(request.ChannelId, "ChannelId");
            if (string.IsNullOrWhiteSpace(request.ClientMsgNo))
            {
                throw new WKValidationException("The client_msg_no of the stream message is required (the server refuses: client_msg_no不能为空！).", "ClientMsgNo");
            }
            if (string.IsNullOrWhiteSpace(request.EventType))
            {
                throw new WKValidationException("An event type is required (the server refuses: event_type不能为空！).", "EventType");
            }
            if (string.IsNullOrWhiteSpace(request.EventId))
            {
                request.EventId = Guid.NewGuid().ToString("N");
            }
            if (request.PayloadJson != null)
            {
                try
                {
                    using (JsonDocument.Parse(request.PayloadJson))
                    {
                    }
                }
                catch (JsonException ex)
                {
                    throw new WKValidationException("The event payload is not JSON: " + ex.Message, "Payload");
                }
            }
            string eventType = request.EventType.Trim().ToLowerInvariant();
            var wire = new WKRequest("POST", "/message/event")
            {
                Body = BuildEventBody(request),
                // A persisted event re-sent with the lane's last event id is answered without a new seq; a delta would append twice.
                Idempotent = eventType != "stream.delta",
            };
            byte[] response = await _client.SendAsync(wire, cancellationToken).ConfigureAwait(false);
            WKDataEnvelope<WKMessageEventResult> envelope = WKClient.Deserialize(wire, response, MessagesJsonContext.Default.WKDataEnvelopeWKMessageEventResult);
            WKMessageEventResult result = envelope.Data ?? throw new WKApiException(WKErrorKind.InvalidResponse, wire.Method, wire.PathAndQuery, 200, null, null, "no data in the answer");
            result.EventType = eventType;
            return result;
        }

        private static byte[] BuildEventBody(WKMessageEventRequest request)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("channel_id", request.ChannelId);
                writer.WriteNumber("channel_type", (byte)request.ChannelType);
                if (!string.IsNullOrEmpty(request.FromUid)) writer.WriteString("from_uid", request.FromUid);
                if (request.MessageId != 0) writer.WriteNumber("message_id", request.MessageId);
                writer.WriteString("client_msg_no", request.ClientMsgNo);
                writer.WriteString("event_id", request.EventId);
                writer.WriteString("event_type", request.EventType);
                if (!string.IsNullOrEmpty(request.EventKey)) writer.WriteString("event_key", request.EventKey);
                if (!string.IsNullOrEmpty(request.Visibility)) writer.WriteString("visibility", request.Visibility);
                if (request.OccurredAt.HasValue) writer.WriteNumber("occurred_at", request.OccurredAt.Value.ToUnixTimeMilliseconds());
                if (request.PayloadJson != null)
                {
                    writer.WritePropertyName("payload");
                    writer.WriteRawValue(request.PayloadJson);
                }
                if (request.Headers != null && request.Headers.Count > 0)
                {
                    writer.WriteStartObject("headers");
                    foreach (var pair in request.Headers)
                    {
                        writer.WriteString(pair.Key, pair.Value);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        /// <summary>One <c>POST /message/eventsync</c> page: the projected state of each lane changed after the cursor.</summary>
        public async Task<WKMessageEventPage> SyncEventsAsync(WKMessageEventQuery query, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(query.ChannelId))
            {
                throw new WKValidationException("The channel id is empty.", "ChannelId");
            }
            WKIds.RequireChannelId(query.ChannelId, "ChannelId");
            if (string.IsNullOrWhiteSpace(query.ClientMsgNo))
            {
                throw new WKValidationException("The client_msg_no of the stream message is required.", "ClientMsgNo");
            }
            if (query.PageSize < 1 || query.PageSize > 2000)
            {
                throw new WKValidationException("The page size must be between 1 and 2000.", "PageSize");
            }
            if (query.ChannelType == WKChannelType.Person && string.IsNullOrWhiteSpace(query.FromUid))
            {
                throw new WKValidationException("A person channel's events are stored under both uids: give the stream message's sender (-FromUid).", "FromUid");
            }
            var body = new WKEventSyncBody
            {
                ChannelId = query.ChannelId,
                ChannelType = (byte)query.ChannelType,
                FromUid = query.FromUid ?? string.Empty,
                ClientMsgNo = query.ClientMsgNo,
                EventKey = query.EventKey ?? string.Empty,
                FromMsgEventSeq = query.AfterSeq,
                Limit = query.PageSize,
                IncludePrivate = query.IncludePrivate ? (byte)1 : (byte)0,
            };
            WKDataEnvelope<WKMessageEventPage> envelope = await _client.PostAsync(query.ViaCluster ? "/cluster/message/eventsync" : "/message/eventsync", body, MessagesJsonContext.Default.WKEventSyncBody, MessagesJsonContext.Default.WKDataEnvelopeWKMessageEventPage, true, cancellationToken).ConfigureAwait(false);
            WKMessageEventPage page = envelope.Data ?? new WKMessageEventPage();
            foreach (WKMessageEvent e in page.Events)
            {
                e.ClientMsgNo = query.ClientMsgNo;
                e.ChannelId = query.ChannelId;
                e.ChannelType = query.ChannelType;
            }
            return page;
        }

        /// <summary>Every lane changed after <see cref="WKMessageEventQuery.AfterSeq"/>, following <c>more</c> page by page.</summary>
        public async IAsyncEnumerable<WKMessageEvent> GetEventsAsync(WKMessageEventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var cursor = new WKMessageEventQuery
            {
                ChannelId = query.ChannelId,
                ChannelType = query.ChannelType,
                FromUid = query.FromUid,
                ClientMsgNo = query.ClientMsgNo,
                EventKey = query.EventKey,
                AfterSeq = query.AfterSeq,
                PageSize = query.PageSize,
                IncludePrivate = query.IncludePrivate,
            };
            while (true)
            {
                WKMessageEventPage page = await SyncEventsAsync(cursor, cancellationToken).ConfigureAwait(false);
                foreach (WKMessageEvent e in page.Events)
                {
                    yield return e;
                }
                // Stop unless the server says there is more and the cursor moved (a stuck cursor would loop forever).
                if (!page.More || page.NextMsgEventSeq <= cursor.AfterSeq)
                {
                    yield break;
                }
                cursor.AfterSeq = page.NextMsgEventSeq;
            }
        }
    }
}
