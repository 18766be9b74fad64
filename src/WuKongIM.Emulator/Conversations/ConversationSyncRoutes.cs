using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>
    /// The conversation reads (wukongim-api.md §3.8, §11.5): /conversation/sync with its whole algorithm,
    /// /conversation/syncByChannels, /conversation/syncMessages and GET /cluster/conversations.
    /// </summary>
    public sealed partial class ConversationRoutes
    {
        /// <summary>config conversation.userMaxCount: how many stored conversations a sync considers.</summary>
        public const int UserMaxCount = 1000;

        private const int DefaultPageSize = 100;
        private const int MaxPageSize = 500;
        private const int DefaultRecentCount = 15;
        private const int ClusterDefaultLimit = 20;

        private static readonly GoStruct SyncReq = new("api", "",
            new GoField("uid", GoType.String),
            new GoField("version", GoType.Int64),
            new GoField("last_msg_seqs", GoType.String),
            new GoField("msg_count", GoType.Int64),
            new GoField("only_unread", GoType.Uint8),
            new GoField("exclude_channel_types", GoType.Uint8Slice),
            new GoField("page", GoType.Int),
            new GoField("page_size", GoType.Int));

        private static readonly GoStruct ChannelRef = new("api", "",
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8));

        private static readonly GoStruct SyncByChannelsReq = new("api", "",
            new GoField("uid", GoType.String),
            new GoField("channels", GoType.ObjectSlice, null, ChannelRef),
            new GoField("msg_count", GoType.Int));

        private static readonly GoStruct RecentMessageReq = new("api", "channelRecentMessageReq",
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("last_msg_seq", GoType.Uint64));

        private static readonly GoStruct SyncMessagesReq = new("api", "",
            new GoField("uid", GoType.String),
            new GoField("channels", GoType.ObjectSlice, null, RecentMessageReq),
            new GoField("msg_count", GoType.Int),
            new GoField("order_by_last", GoType.Int));

        /// <summary>GetLastConversations: the user's chat conversations, most recently updated first, at most userMaxCount.</summary>
        public static List<ConversationRecord> LastConversations(EmulatorState s, string uid) =>
            s.Conversations.Values
                .Where(c => c.Uid == uid && !c.IsCommand)
                .OrderByDescending(c => c.UpdatedAt)
                .ThenByDescending(c => c.Id)
                .Take(UserMaxCount)
                .ToList();

        /// <summary>The id shown for a stored conversation id: for person channels the part of a@b that is not the user.</summary>
        public static string RealChannelId(string uid, string storedId, byte type)
        {
            if (type != 1)
            {
                return storedId;
            }
            string[] parts = storedId.Split('@');
            string from = parts[0], to = parts.Length > 1 ? parts[1] : string.Empty;
            return uid == from ? to : from;
        }

        /// <summary>Parses last_msg_seqs ("id:type:seq|..."): entries without exactly three parts are ignored, unparsable numbers are 0.</summary>
        public static Dictionary<string, ulong> ParseLastMsgSeqs(string text)
        {
            var map = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (string entry in text.Split('|'))
            {
                string[] parts = entry.Split(':');
                if (parts.Length != 3)
                {
                    continue;
                }
                // strconv.Atoi and ParseUint: an error leaves 0.
                int type = int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int t) ? t : 0;
                ulong seq = ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong q) ? q : 0;
                map[parts[0] + "-" + type.ToString(CultureInfo.InvariantCulture)] = seq;
            }
            return map;
        }

        private static string Key(string channelId, byte type) => channelId + "-" + type.ToString(CultureInfo.InvariantCulture);

        private static ApiResult Sync(ApiRequest r)
        {
            if (!r.TryDecode(SyncReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            EmulatorState s = r.State;
            string uid = req.Str("uid");
            long version = req.Int("version");
            long msgCount = req.Int("msg_count");
            bool onlyUnread = req.U8("only_unread") == 1;
            var excluded = new HashSet<byte>((req.Uints("exclude_channel_types") ?? new List<ulong>()).Select(v => (byte)v));
            Dictionary<string, ulong> clientSeqs = ParseLastMsgSeqs(req.Str("last_msg_seqs"));

            // An excluded type is still synced when the client listed the channel in last_msg_seqs.
            bool Allowed(ConversationRecord c) => !excluded.Contains(c.ChannelType) || clientSeqs.ContainsKey(Key(RealChannelId(uid, c.ChannelId, c.ChannelType), c.ChannelType));

            // The emulator has no separate conversation cache: every conversation is in the store list already.
            List<ConversationRecord> conversations = LastConversations(s, uid);
            long page = req.Int("page");
            if (page > 0)
            {
                long size = req.Int("page_size");
                if (size <= 0) size = DefaultPageSize;
                if (size > MaxPageSize) size = MaxPageSize;
                long start = (page - 1) * size;
                if (start >= conversations.Count)
                {
                    return ApiResult.Bare(Array.Empty<object>());
                }
                conversations = conversations.Skip((int)start).Take((int)size).ToList();
            }

            var result = new List<Dictionary<string, object?>>();
            if (msgCount <= 0)
            {
                // Recent messages are only loaded for msg_count > 0, and a conversation without recents is never returned.
                return ApiResult.Bare(result);
            }
            foreach (ConversationRecord c in conversations)
            {
                if (c.ChannelId.EndsWith(EmulatorState.CommandSuffix, StringComparison.Ordinal) || !Allowed(c))
                {
                    continue;
                }
                string realId = RealChannelId(uid, c.ChannelId, c.ChannelType);
                if (c.ChannelType == 1 && realId == EmulatorState.SystemUid)
                {
                    continue;
                }
                ulong from = clientSeqs.TryGetValue(Key(realId, c.ChannelType), out ulong clientSeq) ? clientSeq : 0;
                if (from != 0)
                {
                    from++;
                }
                else if (version > 0 || onlyUnread)
                {
                    from = unchecked(c.ReadedToMsgSeq + 1);
                }
                if (c.DeletedAtMsgSeq > 0 && c.DeletedAtMsgSeq > from)
                {
                    from = c.DeletedAtMsgSeq + 1;
                }
                List<StoredMessage> recents = NewestFrom(s, c.ChannelId, c.ChannelType, from, msgCount);
                if (recents.Count == 0)
                {
                    continue;
                }
                Dictionary<string, object?> entry = Entry(s, uid, realId, c, recents, requireReadBelowLast: true);
                // The client already has everything up to its seq: dropped. The lookup uses the stored id, so person
                // channels never match here.
                if (clientSeqs.TryGetValue(Key(c.ChannelId, c.ChannelType), out ulong known) && known != 0 && known >= (uint)entry["last_msg_seq"]!)
                {
                    continue;
                }
                result.Add(entry);
            }
            return ApiResult.Bare(result);
        }

        private static ApiResult SyncByChannels(ApiRequest r)
        {
            if (!r.TryDecode(SyncByChannelsReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid");
            List<GoObject> channels = req.Objs("channels") ?? new List<GoObject>();
            if (uid.Length == 0) return ApiResult.Err("uid cannot be empty");
            if (channels.Count == 0) return ApiResult.Err("channels cannot be empty");
            long msgCount = req.Int("msg_count");
            if (msgCount <= 0) msgCount = DefaultRecentCount;

            EmulatorState s = r.State;
            var result = new List<Dictionary<string, object?>>();
            foreach (GoObject channel in channels)
            {
                string channelId = channel.Str("channel_id");
                byte type = channel.U8("channel_type");
                string stored = StoredChannelId(uid, channelId, type);
                // A channel without a stored conversation is answered as if read-up-to were 0.
                ConversationRecord c = s.Conversations.TryGetValue((uid, stored, type), out ConversationRecord? found)
                    ? found
                    : new ConversationRecord { Uid = uid, ChannelId = stored, ChannelType = type };
                List<StoredMessage> recents = NewestFrom(s, stored, type, 0, msgCount);
                result.Add(Entry(s, uid, RealChannelId(uid, stored, type), c, recents, requireReadBelowLast: false));
            }
            return ApiResult.Bare(result);
        }

        /// <summary>
        /// One conversation as /conversation/sync renders it: unread from the newest recent message, lowered to the
        /// messages after the user's own latest one, 0 when the newest is the user's; version = its timestamp in ns.
        /// </summary>
        private static Dictionary<string, object?> Entry(EmulatorState s, string uid, string realId, ConversationRecord c, List<StoredMessage> recents, bool requireReadBelowLast)
        {
            int unread = 0;
            long timestamp = 0;
            uint lastSeq = 0;
            string lastClientMsgNo = string.Empty;
            uint readedTo = unchecked((uint)c.ReadedToMsgSeq);
            long version = c.CreatedAt == default ? 0 : GoFormat.UnixNanos(c.UpdatedAt);
            var rendered = new List<Dictionary<string, object?>>();
            if (recents.Count > 0)
            {
                StoredMessage last = recents[0];
                lastSeq = (uint)last.MessageSeq;
                lastClientMsgNo = last.ClientMsgNo;
                timestamp = last.Timestamp;
                if (last.MessageSeq > readedTo)
                {
                    unread = (int)(last.MessageSeq - readedTo);
                }
                ulong userLast = s.LastMessageSeqFrom(c.ChannelId, c.ChannelType, uid);
                if (userLast > readedTo && last.MessageSeq - userLast < (ulong)unread && (!requireReadBelowLast || last.MessageSeq >= readedTo))
                {
                    unread = (int)(last.MessageSeq - userLast);
                    readedTo = (uint)userLast;
                }
                version = last.Timestamp * 1_000_000_000L;
                foreach (StoredMessage m in recents)
                {
                    rendered.Add(MessageRender.Render(m, MessageRender.EventFields(s, m, fullSnapshots: true)));
                }
                // The newest message is the user's own: everything is read.
                if ((string?)rendered[0]["from_uid"] == uid)
                {
                    readedTo = lastSeq;
                    unread = 0;
                }
            }
            return new Dictionary<string, object?>
            {
                ["channel_id"] = realId,
                ["channel_type"] = c.ChannelType,
                ["unread"] = unread,
                ["timestamp"] = timestamp,
                ["last_msg_seq"] = lastSeq,
                ["last_client_msg_no"] = lastClientMsgNo,
                ["offset_msg_seq"] = 0L,
                ["readed_to_msg_seq"] = readedTo,
                ["version"] = version,
                ["recents"] = rendered,
            };
        }

        /// <summary>LoadLastMsgsWithEnd: the newest <paramref name="count"/> messages with seq ≥ <paramref name="from"/>, newest first.</summary>
        private static List<StoredMessage> NewestFrom(EmulatorState s, string storedId, byte type, ulong from, long count)
        {
            if (!s.Messages.TryGetValue((storedId, type), out List<StoredMessage>? all) || count <= 0)
            {
                return new List<StoredMessage>();
            }
            var result = new List<StoredMessage>();
            for (int i = all.Count - 1; i >= 0 && result.Count < count; i--)
            {
                if (all[i].MessageSeq < from)
                {
                    break;
                }
                result.Add(all[i]);
            }
            return result;
        }

        private static ApiResult SyncMessages(ApiRequest r)
        {
            if (!r.TryDecode(SyncMessagesReq, DecodeFailure.FixedText, out GoObject req, out ApiResult? decodeError, ginBound: true)) return decodeError;
            string uid = req.Str("uid");
            long msgCount = req.Int("msg_count");
            if (msgCount <= 0) msgCount = DefaultRecentCount;
            bool orderByLast = req.Int("order_by_last") == 1;
            EmulatorState s = r.State;
            var result = new List<object>();
            foreach (GoObject channel in req.Objs("channels") ?? new List<GoObject>())
            {
                // Stored ids: no person-id conversion here.
                string id = channel.Str("channel_id");
                byte type = channel.U8("channel_type");
                ulong from = channel.U64("last_msg_seq");
                List<StoredMessage> messages = orderByLast ? NewestFrom(s, id, type, from, msgCount) : OldestFrom(s, id, type, from, msgCount);
                result.Add(new
                {
                    channel_id = id,
                    channel_type = type,
                    messages = messages.Select(m => MessageRender.Render(m, MessageRender.EventFields(s, m, fullSnapshots: true))).ToList(),
                    user_last_msg_seq = s.LastMessageSeqFrom(id, type, uid),
                });
            }
            return ApiResult.Bare(result);
        }

        /// <summary>LoadNextRangeMsgs: the first <paramref name="count"/> messages with seq ≥ <paramref name="from"/>, ascending.</summary>
        private static List<StoredMessage> OldestFrom(EmulatorState s, string storedId, byte type, ulong from, long count)
        {
            if (!s.Messages.TryGetValue((storedId, type), out List<StoredMessage>? all))
            {
                return new List<StoredMessage>();
            }
            return all.Where(m => m.MessageSeq >= from).Take((int)Math.Min(count, int.MaxValue)).ToList();
        }

        // ---------------------------------------------------------------- GET /cluster/conversations (§11.5)

        private static ApiResult ClusterConversations(ApiRequest r)
        {
            EmulatorState s = r.State;
            string uid = r.QueryString("uid");
            long limit = r.QueryInt("limit");
            if (limit <= 0) limit = ClusterDefaultLimit;
            if (limit > (long.MaxValue / 16))
            {
                throw new EmulatedPanicException("the store pre-allocates limit x shards rows");
            }
            long currentPage = r.QueryInt("current_page");
            if (currentPage <= 0) currentPage = 1;
            bool localPath = r.Query.ContainsKey("node_id") && r.QueryUInt("node_id") == s.NodeId;

            // Storage order: the store's primary key. Command conversations are stored rows too.
            IEnumerable<ConversationRecord> rows = s.Conversations.Values.Where(c => !localPath || s.IsLocal(c.Uid)).OrderBy(c => c.Id);
            rows = uid.Length > 0
                ? rows.Where(c => c.Uid == uid)
                : rows.Skip((int)Math.Min((currentPage - 1) * limit, int.MaxValue)).Take((int)Math.Min(limit, int.MaxValue));
            List<object> data = rows.Select(c => (object)ClusterRow(s, c)).ToList();
            if (!localPath)
            {
                // The aggregated path de-duplicates through a Go map: the order differs from call to call.
                data = data.OrderBy(_ => Random.Shared.Next()).ToList();
            }
            return ApiResult.Bare(new { total = 0, data });
        }

        private static object ClusterRow(EmulatorState s, ConversationRecord c)
        {
            ulong last = s.LastMessageSeq(c.ChannelId, c.ChannelType);
            uint unread = last > c.ReadedToMsgSeq ? (uint)(last - c.ReadedToMsgSeq) : 0;
            return new
            {
                id = (ulong)c.Id,
                uid = c.Uid,
                type = c.IsCommand ? 1 : 0,
                type_format = c.IsCommand ? "命令" : "聊天",
                channel_id = c.ChannelId,
                channel_type = c.ChannelType,
                channel_type_format = ChannelTypeFormat(c.ChannelType),
                unread_count = unread,
                last_msg_seq = last,
                readed_to_msg_seq = c.ReadedToMsgSeq,
                created_at = c.CreatedAt.ToUnixTimeSeconds(),
                updated_at = c.UpdatedAt.ToUnixTimeSeconds(),
                created_at_format = EmulatorState.FormatLocal(GoFormat.UnixNanos(c.CreatedAt)),
                updated_at_format = EmulatorState.FormatLocal(GoFormat.UnixNanos(c.UpdatedAt)),
            };
        }

        private static string ChannelTypeFormat(byte type) => type switch
        {
            1 => "个人",
            2 => "群组",
            3 => "客服",
            4 => "社区",
            6 => "资讯",
            7 => "数据",
            _ => "未知(" + type.ToString(CultureInfo.InvariantCulture) + ")",
        };
    }
}
