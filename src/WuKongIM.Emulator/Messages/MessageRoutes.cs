using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>
    /// Sending, look-ups and history (wukongim-api.md §3.7). Sends persist synchronously here: a real server answers
    /// /message/send before the message is persisted (milliseconds later), so scripts against a real server must poll.
    /// </summary>
    public sealed class MessageRoutes : IRouteModule
    {
        private static readonly GoStruct HeaderStruct = new("types", "MessageHeader",
            new GoField("no_persist", GoType.Int),
            new GoField("red_dot", GoType.Int),
            new GoField("sync_once", GoType.Int));

        private static readonly GoStruct SendReq = new("api", "messageSendReq",
            new GoField("header", GoType.Object, "types.MessageHeader", HeaderStruct),
            new GoField("client_msg_no", GoType.String),
            new GoField("is_stream", GoType.Int),
            new GoField("from_uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("expire", GoType.Uint32),
            new GoField("subscribers", GoType.StringSlice),
            new GoField("payload", GoType.Bytes),
            new GoField("tag_key", GoType.String));

        // Anonymous Go structs: their name in error texts is empty ("Go struct field .from_uid of type string").
        private static readonly GoStruct SendBatchReq = new("api", "",
            new GoField("header", GoType.Object, "types.MessageHeader", HeaderStruct),
            new GoField("from_uid", GoType.String),
            new GoField("subscribers", GoType.StringSlice),
            new GoField("payload", GoType.Bytes));

        private static readonly GoStruct SearchMessagesReq = new("api", "",
            new GoField("login_uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("message_seqs", GoType.Uint32Slice),
            new GoField("message_ids", GoType.Int64Slice),
            new GoField("client_msg_nos", GoType.StringSlice));

        private static readonly GoStruct SearchMessageReq = new("api", "",
            new GoField("login_uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("message_id", GoType.Int64),
            new GoField("client_msg_no", GoType.String));

        private static readonly GoStruct SyncMessagesReq = new("api", "",
            new GoField("login_uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("start_message_seq", GoType.Uint64),
            new GoField("end_message_seq", GoType.Uint64),
            new GoField("limit", GoType.Int),
            new GoField("pull_mode", GoType.Int, "api.PullMode"),
            new GoField("event_summary_mode", GoType.String));

        private static readonly GoStruct SyncReq = new("api", "syncReq",
            new GoField("uid", GoType.String),
            new GoField("message_seq", GoType.Uint64),
            new GoField("limit", GoType.Int));

        private static readonly GoStruct SyncAckReq = new("api", "syncackReq",
            new GoField("uid", GoType.String),
            new GoField("last_message_seq", GoType.Uint64));

        public void Map(Router router)
        {
            router.Post("/message/send", Send);
            router.Post("/message/sendbatch", SendBatch);
            router.Post("/messages", SearchMessages);
            router.Post("/message", SearchMessage);
            router.Get("/message/byclientmsgno", ByClientMsgNo);
            router.Post("/channel/messagesync", SyncMessages);
            router.Get("/channel/max_message_seq", MaxMessageSeq);
            router.Get("/channel/last_message", LastMessage);
            router.Post("/message/sync", CommandSync);
            router.Post("/message/syncack", CommandSyncAck);
        }

        /// <summary>§2.2: the stored id of a person channel; the larger CRC-32 goes first.</summary>
        public static string PersonId(string x, string y) => Hashes.PersonChannelId(x, y);

        private static bool IsSpecialChar(string id) => id.IndexOfAny(new[] { '@', '#', '&' }) >= 0;

        private static string NewClientMsgNo() => Guid.NewGuid().ToString("N") + "0";

        // ---------------------------------------------------------------- send

        private static ApiResult Send(ApiRequest r)
        {
            if (!r.TryDecode(SendReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError, ginBound: true)) return decodeError;
            byte[]? payload = req.Bytes("payload");
            if (payload == null || payload.Length == 0)
            {
                return ApiResult.Err("payload不能为空！", ginBound: true);
            }
            string fromUid = req.Str("from_uid");
            if (fromUid.Trim().Length == 0)
            {
                fromUid = EmulatorState.SystemUid;
            }
            string channelId = req.Str("channel_id");
            List<string> subscribers = req.Strings("subscribers") ?? new List<string>();
            GoObject header = req.Obj("header") ?? new GoObject();
            int noPersist = (int)header.Int("no_persist");
            int redDot = (int)header.Int("red_dot");
            int syncOnce = (int)header.Int("sync_once");
            if (channelId.Trim().Length == 0 && subscribers.Count == 0)
            {
                return ApiResult.Err("无法处理发送消息请求！", ginBound: true);
            }
            if (subscribers.Count > 0 && syncOnce != 1)
            {
                return ApiResult.Err("无法处理发送消息请求！", ginBound: true);
            }
            if (channelId.Trim().Length != 0 && subscribers.Count > 0)
            {
                return ApiResult.Err("无法处理发送消息请求！", ginBound: true);
            }
            var send = new SendInput(fromUid, payload, noPersist, redDot, syncOnce, req.U32("expire"), (int)req.Int("is_stream"));
            EmulatorState s = r.State;

            if (subscribers.Count > 0)
            {
                // "Send only to these uids": a temp command channel named after the FNV-64 of the joined list, or the
                // online command channel when the message is not persisted.
                string tmpId = noPersist == 0
                    ? Hashes.Fnv1a64(string.Join(",", subscribers)).ToString(CultureInfo.InvariantCulture) + EmulatorState.CommandSuffix
                    : EmulatorState.OnlineCommandChannel;
                string? error = SendToChannel(s, send with { ClientMsgNo = NewClientMsgNo() }, tmpId, 8, subscribers, out _);
                return error != null ? ApiResult.Err(error, ginBound: true) : ApiResult.Ok();
            }

            string clientMsgNo = req.Str("client_msg_no");
            if (clientMsgNo.Trim().Length == 0)
            {
                clientMsgNo = NewClientMsgNo();
            }
            string? failure = SendToChannel(s, send with { ClientMsgNo = clientMsgNo }, channelId, req.U8("channel_type"), null, out long messageId);
            if (failure != null)
            {
                return ApiResult.Err(failure, ginBound: true);
            }
            // Go renders a map: keys in sorted order.
            return ApiResult.OkData(new SortedDictionary<string, object>(StringComparer.Ordinal) { ["client_msg_no"] = clientMsgNo, ["message_id"] = messageId });
        }

        public sealed record SendInput(string FromUid, byte[] Payload, int NoPersist, int RedDot, int SyncOnce, uint Expire, int IsStream)
        {
            public string ClientMsgNo { get; init; } = string.Empty;
        }

        /// <summary>
        /// sendMessageToChannel: checks the id, derives the stored channel id, assigns a message id and persists.
        /// Returns the error text, or null. <paramref name="tempReceivers"/> is the receiver tag of a temp channel.
        /// </summary>
        public static string? SendToChannel(EmulatorState s, SendInput send, string channelId, byte channelType, IReadOnlyCollection<string>? tempReceivers, out long messageId)
        {
            messageId = 0;
            if (IsSpecialChar(channelId))
            {
                return "频道ID不合法！";
            }
            string storedId = channelId;
            if (channelType == 1)
            {
                storedId = PersonId(send.FromUid, channelId);
            }
            else if (channelType == 11)
            {
                storedId = send.FromUid + "@" + channelId;
            }
            if (send.SyncOnce == 1 && channelId != EmulatorState.OnlineCommandChannel && channelType != 8)
            {
                storedId += EmulatorState.CommandSuffix;
            }
            messageId = s.NextId();
            s.PersistMessage(new MessageDraft
            {
                MessageId = messageId,
                StoredChannelId = storedId,
                ChannelType = channelType,
                FromUid = send.FromUid,
                ClientMsgNo = send.ClientMsgNo,
                NoPersist = send.NoPersist == 1 ? 1 : 0,
                RedDot = send.RedDot == 1 ? 1 : 0,
                SyncOnce = send.SyncOnce == 1 ? 1 : 0,
                Setting = (byte)(send.IsStream == 1 ? 2 : 0),
                Expire = send.Expire,
                Payload = send.Payload,
                // Only command channels, and person/customer-service channels, touch conversations; skip the copy otherwise.
                Receivers = tempReceivers ?? (storedId.EndsWith(EmulatorState.CommandSuffix, StringComparison.Ordinal) || channelType == 1 || channelType == 3
                    ? Receivers(s, channelId, channelType, send.FromUid)
                    : Array.Empty<string>()),
            });
            if (s.MessagesById.ContainsKey(messageId) || send.NoPersist == 1)
            {
                // Delivering (not a drop by ban or disband) builds the channel's receiver tag, as the server does.
                s.EnsureChannelTag(storedId, channelType, tempReceivers ?? Receivers(s, channelId, channelType, send.FromUid));
            }
            if (send.IsStream == 1)
            {
                // The server registers the stream in its event cache so /message/event can auto-fill from_uid and message_id.
                string eventChannel = channelType == 1 ? PersonId(send.FromUid, channelId) : channelType == 11 ? send.FromUid + "@" + channelId : channelId;
                EventSession session = s.OpenEventSession(send.ClientMsgNo, eventChannel, channelType, send.FromUid, messageId);
                session.FromUid = send.FromUid;
                session.MessageId = messageId;
            }
            return null;
        }

        /// <summary>The receiver tag of a channel: both users of a person channel, the subscribers of any other channel.</summary>
        private static IReadOnlyCollection<string> Receivers(EmulatorState s, string channelId, byte channelType, string fromUid)
        {
            if (channelType == 1)
            {
                return fromUid == channelId ? new[] { fromUid } : new[] { fromUid, channelId };
            }
            return s.Subscribers.TryGetValue((channelId, channelType), out HashSet<string>? set) ? set.ToList() : (IReadOnlyCollection<string>)Array.Empty<string>();
        }

        private static ApiResult SendBatch(ApiRequest r)
        {
            if (!r.TryDecode(SendBatchReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError, ginBound: true)) return decodeError;
            string fromUid = req.Str("from_uid");
            if (fromUid.Trim().Length == 0)
            {
                return ApiResult.Err("from_uid不能为空！", ginBound: true);
            }
            List<string> subscribers = req.Strings("subscribers") ?? new List<string>();
            if (subscribers.Count == 0)
            {
                return ApiResult.Err("subscribers不能为空！", ginBound: true);
            }
            byte[] payload = req.Bytes("payload") ?? Array.Empty<byte>();
            if (payload.Length == 0)
            {
                return ApiResult.Err("payload不能为空！", ginBound: true);
            }
            GoObject header = req.Obj("header") ?? new GoObject();
            var failUids = new List<string>();
            var reasons = new List<string>();
            foreach (string subscriber in subscribers)
            {
                var send = new SendInput(fromUid, payload, (int)header.Int("no_persist"), (int)header.Int("red_dot"), (int)header.Int("sync_once"), 0, 0) { ClientMsgNo = NewClientMsgNo() };
                string? error = SendToChannel(r.State, send, subscriber, 1, null, out _);
                if (error != null)
                {
                    failUids.Add(subscriber);
                    reasons.Add(error);
                }
            }
            return ApiResult.Bare(new { fail_uids = failUids, reason = reasons });
        }

        // ---------------------------------------------------------------- look-ups

        private static ApiResult SearchMessages(ApiRequest r)
        {
            if (!r.TryDecode(SearchMessagesReq, DecodeFailure.FixedText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string channelId = req.Str("channel_id");
            if (channelId.Trim().Length == 0)
            {
                return ApiResult.Err("channel_id不能为空！");
            }
            byte type = req.U8("channel_type");
            string storedId = type == 1 ? PersonId(req.Str("login_uid"), channelId) : channelId;
            EmulatorState s = r.State;
            var found = new List<StoredMessage>();
            foreach (ulong seq in req.Uints("message_seqs") ?? new List<ulong>())
            {
                if (s.MessageAt(storedId, type, seq) is StoredMessage m) found.Add(m);
            }
            // Ids are searched across the whole store, not only in this channel.
            foreach (long id in req.Ints("message_ids") ?? new List<long>())
            {
                if (s.MessagesById.TryGetValue(id, out StoredMessage? m)) found.Add(m);
            }
            // The newest message of the channel with that client_msg_no (the search walks newest first).
            foreach (string no in req.Strings("client_msg_nos") ?? new List<string>())
            {
                if (s.Messages.TryGetValue((storedId, type), out List<StoredMessage>? list))
                {
                    StoredMessage? newest = list.LastOrDefault(m => m.ClientMsgNo == no);
                    if (newest != null) found.Add(newest);
                }
            }
            return ApiResult.Bare(new { start_message_seq = 0, end_message_seq = 0, more = 0, messages = found.Select(m => MessageRender.Render(m)).ToList() });
        }

        private static ApiResult SearchMessage(ApiRequest r)
        {
            if (!r.TryDecode(SearchMessageReq, DecodeFailure.FixedText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            if (req.Str("channel_id").Trim().Length == 0)
            {
                return ApiResult.Err("channel_id不能为空！");
            }
            if (req.U8("channel_type") == 0)
            {
                return ApiResult.Err("channel_type不能为0");
            }
            if (req.U8("channel_type") == 1 && req.Str("login_uid").Trim().Length == 0)
            {
                return ApiResult.Err("login_uid不能为空！");
            }
            // With a message_id the whole store is searched; with only client_msg_no v2.2.5 searches with a zero limit
            // and never finds anything.
            long id = req.Int("message_id");
            if (id > 0 && r.State.MessagesById.TryGetValue(id, out StoredMessage? m))
            {
                return ApiResult.Bare(MessageRender.Render(m));
            }
            return ApiResult.Status(404);
        }

        private static ApiResult ByClientMsgNo(ApiRequest r)
        {
            string channelId = r.Query.TryGetValue("channel_id", out string? c) ? c : string.Empty;
            byte type = r.QueryUInt8("channel_type");
            string clientMsgNo = r.Query.TryGetValue("client_msg_no", out string? n) ? n : string.Empty;
            if (channelId.Trim().Length == 0)
            {
                return ApiResult.Err("channel_id不能为空");
            }
            if (type == 0)
            {
                return ApiResult.Err("channel_type不能为0");
            }
            if (clientMsgNo.Trim().Length == 0)
            {
                return ApiResult.Err("client_msg_no不能为空");
            }
            // No person-id conversion here: the caller passes the derived id. The lowest seq wins.
            if (r.State.Messages.TryGetValue((channelId, type), out List<StoredMessage>? list))
            {
                StoredMessage? oldest = list.FirstOrDefault(m => m.ClientMsgNo == clientMsgNo);
                if (oldest != null)
                {
                    return ApiResult.Bare(MessageRender.Render(oldest));
                }
            }
            return ApiResult.Status(404);
        }

        // ---------------------------------------------------------------- history

        private static ApiResult SyncMessages(ApiRequest r)
        {
            if (!r.TryDecode(SyncMessagesReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string channelId = req.Str("channel_id");
            if (channelId.Trim().Length == 0)
            {
                return ApiResult.Err("channel_id不能为空！");
            }
            string loginUid = req.Str("login_uid");
            if (loginUid.Trim().Length == 0)
            {
                return ApiResult.Err("login_uid不能为空！");
            }
            long limit = req.Int("limit");
            if (limit > 10000)
            {
                limit = 10000;
            }
            byte type = req.U8("channel_type");
            string storedId = type == 1 ? PersonId(loginUid, channelId) : channelId;
            ulong start = req.U64("start_message_seq");
            ulong end = req.U64("end_message_seq");
            long pullMode = req.Int("pull_mode");
            EmulatorState s = r.State;
            // Asking for the leader creates the channel's cluster configuration when it is missing.
            s.Activate(storedId, type);
            List<StoredMessage> all = s.Messages.TryGetValue((storedId, type), out List<StoredMessage>? l) ? l : new List<StoredMessage>();
            List<StoredMessage> page = SelectPage(all, start, end, pullMode, limit, s.FirstMessageSeq(storedId, type));

            bool more = !(page.Count < limit);
            if (page.Count > 0 && end != 0)
            {
                ulong boundary = pullMode == 0 ? page[0].MessageSeq : page[^1].MessageSeq;
                if (boundary == end)
                {
                    more = false;
                }
            }
            bool full = string.IsNullOrWhiteSpace(req.Str("event_summary_mode")) || req.Str("event_summary_mode").Trim().ToLowerInvariant() == "full";
            var messages = page.Select(m => MessageRender.Render(m, MessageRender.EventFields(s, m, full))).ToList();
            return ApiResult.Bare(new { start_message_seq = start, end_message_seq = end, more = more ? 1 : 0, messages });
        }

        /// <summary>
        /// The storage range rules of v2.2.5 (§3.7), all ascending: start=end=0 → the newest <c>limit</c>; up → [start, end)
        /// from the bottom (end 0 = unbounded; limit 0 = everything); down with end ≤ start → the newest <c>limit</c> of
        /// (end, start], counted from start even when start is above the last seq; down with end &gt; start → nothing.
        /// <paramref name="firstSeq"/> is the seq of <c>all[0]</c> (above 1 when the emulator's message limits dropped the oldest).
        /// </summary>
        public static List<StoredMessage> SelectPage(List<StoredMessage> all, ulong start, ulong end, long pullMode, long limit, ulong firstSeq = 1)
        {
            int count = all.Count;
            ulong lastSeq = firstSeq - 1 + (ulong)count;
            if (start == 0 && end == 0)
            {
                int take = (int)Math.Max(0, Math.Min(limit, count));
                return all.GetRange(count - take, take);
            }
            if (pullMode == 1)
            {
                ulong from = Math.Max(start, firstSeq);
                ulong to = end == 0 ? lastSeq : Math.Min(end - 1, lastSeq);
                if (from > to)
                {
                    return new List<StoredMessage>();
                }
                long available = (long)(to - from + 1);
                long take = limit <= 0 ? available : Math.Min(limit, available);
                return all.GetRange((int)(from - firstSeq), (int)take);
            }
            if (end > start)
            {
                return new List<StoredMessage>();
            }
            if (limit <= 0)
            {
                return new List<StoredMessage>();
            }
            // LoadPrevRangeMsgs: the window [start - limit + 1, start] (not below end + 1), clipped at the last seq only
            // afterwards, so a start above the last seq yields a short page or none.
            ulong low = Math.Max(start - end > (ulong)limit ? start - (ulong)limit + 1 : end + 1, firstSeq);
            ulong high = Math.Min(start, lastSeq);
            if (high < low)
            {
                return new List<StoredMessage>();
            }
            return all.GetRange((int)(low - firstSeq), (int)(high - low + 1));
        }

        private static ApiResult MaxMessageSeq(ApiRequest r)
        {
            string channelId = r.Query.TryGetValue("channel_id", out string? c) ? c : string.Empty;
            if (channelId.Length == 0)
            {
                return ApiResult.Err("channel_id不能为空");
            }
            byte type = r.QueryUInt8("channel_type");
            string loginUid = r.Query.TryGetValue("login_uid", out string? u) ? u : string.Empty;
            string storedId = channelId;
            if (type == 1 && !channelId.Contains('@'))
            {
                if (loginUid.Trim().Length == 0)
                {
                    return ApiResult.Err("login_uid不能为空");
                }
                storedId = PersonId(loginUid, channelId);
            }
            // A never-activated channel surfaces the storage "not found" error on a single node.
            if (!r.State.IsActivated(storedId, type))
            {
                return ApiResult.Err("not found");
            }
            return ApiResult.Bare(new { message_seq = r.State.LastMessageSeq(storedId, type) });
        }

        private static ApiResult LastMessage(ApiRequest r)
        {
            string channelId = r.Query.TryGetValue("channel_id", out string? c) ? c : string.Empty;
            if (channelId.Length == 0)
            {
                return ApiResult.Err("channel_id不能为空");
            }
            byte type = r.QueryUInt8("channel_type");
            string loginUid = r.Query.TryGetValue("login_uid", out string? u) ? u : string.Empty;
            string storedId = channelId;
            if (type == 1)
            {
                if (loginUid.Trim().Length == 0)
                {
                    return ApiResult.Err("login_uid不能为空");
                }
                storedId = PersonId(loginUid, channelId);
            }
            if (!r.State.IsActivated(storedId, type))
            {
                return ApiResult.Err("获取频道所在节点失败！");
            }
            if (!r.State.Messages.TryGetValue((storedId, type), out List<StoredMessage>? list) || list.Count == 0)
            {
                return ApiResult.Status(404);
            }
            return ApiResult.Bare(MessageRender.Render(list[^1]));
        }

        // ---------------------------------------------------------------- command sync (deprecated)

        private static ApiResult CommandSync(ApiRequest r)
        {
            if (!r.TryDecode(SyncReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid");
            if (uid.Trim().Length == 0)
            {
                return ApiResult.Err("用户uid不能为空！");
            }
            long limit = req.Int("limit");
            if (limit < 0)
            {
                return ApiResult.Err("limit不能为负数！");
            }
            if (limit == 0)
            {
                limit = 200;
            }
            EmulatorState s = r.State;
            var conversations = s.Conversations.Values.Where(c => c.Uid == uid && c.IsCommand).OrderBy(c => c.Id).ToList();
            var records = new List<(string, byte, ulong)>();
            s.CommandSyncRecords[uid] = records;
            var result = new List<Dictionary<string, object?>>();
            foreach (ConversationRecord conversation in conversations)
            {
                if (!s.Messages.TryGetValue((conversation.ChannelId, conversation.ChannelType), out List<StoredMessage>? list))
                {
                    continue;
                }
                // Each channel yields up to limit messages from read-up-to + 1; the overall answer stops at limit.
                var batch = list.Where(m => m.MessageSeq >= conversation.ReadedToMsgSeq + 1).Take((int)Math.Min(limit, int.MaxValue)).ToList();
                if (batch.Count == 0)
                {
                    continue;
                }
                ulong last = batch[^1].MessageSeq;
                foreach (StoredMessage m in batch)
                {
                    if (result.Count >= limit)
                    {
                        last = (ulong)result[^1]["message_seq"]!;
                        break;
                    }
                    result.Add(MessageRender.Render(m));
                }
                records.Add((conversation.ChannelId, conversation.ChannelType, last));
            }
            return ApiResult.Bare(result);
        }

        private static ApiResult CommandSyncAck(ApiRequest r)
        {
            if (!r.TryDecode(SyncAckReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid");
            if (uid.Trim().Length == 0)
            {
                return ApiResult.Err("用户UID不能为空！");
            }
            if (req.U64("last_message_seq") == 0)
            {
                return ApiResult.Err("最后一次messageSeq不能为0！");
            }
            EmulatorState s = r.State;
            if (!s.CommandSyncRecords.Remove(uid, out List<(string ChannelId, byte Type, ulong LastSeq)>? records))
            {
                return ApiResult.Ok();
            }
            foreach (var (channelId, type, lastSeq) in records)
            {
                if (lastSeq == 0 || !channelId.EndsWith(EmulatorState.CommandSuffix, StringComparison.Ordinal))
                {
                    continue;
                }
                if (s.Conversations.TryGetValue((uid, channelId, type), out ConversationRecord? conversation) && conversation.IsCommand && lastSeq > conversation.ReadedToMsgSeq)
                {
                    conversation.ReadedToMsgSeq = lastSeq;
                    conversation.UpdatedAt = DateTimeOffset.UtcNow;
                }
            }
            return ApiResult.Ok();
        }
    }
}
