using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>
    /// Channels, subscribers, denylists and allowlists (wukongim-api.md §3.5, §3.6): the validation order and msg texts of
    /// v2.2.5, full-overwrite flag writes, and the side effects on conversations.
    /// </summary>
    public sealed class ChannelRoutes : IRouteModule
    {
        private const byte PersonType = 1;
        private const byte GroupType = 2;
        private const byte LiveType = 9;

        private const string ChannelIdBlank = "频道ID不能为空！";
        private const string ChannelIdEmpty = "channel_id不能为空！";
        private const string SpecialCharacters = "频道ID不能包含特殊字符！";
        private const string TypeZero = "频道类型不能为0！";
        private const string SubscribersEmpty = "订阅者不能为空！";
        private const string UidsEmpty = "uids不能为空！";
        private const string PersonNoSubscribers = "个人频道不支持添加订阅者！";

        private static readonly GoField[] InfoFields =
        {
            new("channel_id", GoType.String),
            new("channel_type", GoType.Uint8),
            new("large", GoType.Int),
            new("ban", GoType.Int),
            new("disband", GoType.Int),
            new("send_ban", GoType.Int),
            new("allow_stranger", GoType.Int),
        };

        private static readonly GoStruct ChannelCreateReq = new("api", "ChannelCreateReq",
            InfoFields.Concat(new GoField[] { new("reset", GoType.Int), new("subscribers", GoType.StringSlice) }).ToArray());

        private static readonly GoStruct ChannelInfoReq = new("api", "ChannelInfoReq", InfoFields);

        private static readonly GoStruct ChannelDeleteReq = new("api", "ChannelDeleteReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8));

        private static readonly GoStruct SubscriberAddReq = new("api", "subscriberAddReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8), new GoField("reset", GoType.Int),
            new GoField("temp_subscriber", GoType.Int), new GoField("subscribers", GoType.StringSlice));

        private static readonly GoStruct SubscriberRemoveReq = new("api", "subscriberRemoveReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8),
            new GoField("temp_subscriber", GoType.Int), new GoField("subscribers", GoType.StringSlice));

        private static readonly GoStruct ChannelReq = new("api", "channelReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8));

        private static readonly GoStruct TmpSubscriberSetReq = new("api", "tmpSubscriberSetReq",
            new GoField("channel_id", GoType.String), new GoField("uids", GoType.StringSlice));

        private static readonly GoStruct BlacklistReq = new("api", "blacklistReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8), new GoField("uids", GoType.StringSlice));

        private static readonly GoStruct WhitelistReq = new("api", "whitelistReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8), new GoField("uids", GoType.StringSlice));

        public void Map(Router router)
        {
            router.Post("/channel", CreateOrUpdate);
            router.Post("/channel/info", UpdateInfo);
            router.Post("/channel/delete", Delete);
            router.Post("/channel/subscriber_add", SubscriberAdd);
            router.Post("/channel/subscriber_remove", SubscriberRemove);
            router.Post("/channel/subscriber_remove_all", SubscriberRemoveAll);
            router.Post("/tmpchannel/subscriber_set", TempSubscriberSet);
            router.Post("/channel/blacklist_add", BlacklistAdd);
            router.Post("/channel/blacklist_set", BlacklistSet);
            router.Post("/channel/blacklist_remove", BlacklistRemove);
            router.Post("/channel/blacklist_remove_all", BlacklistRemoveAll);
            router.Post("/channel/whitelist_add", WhitelistAdd);
            router.Post("/channel/whitelist_set", WhitelistSet);
            router.Post("/channel/whitelist_remove", WhitelistRemove);
            router.Post("/channel/whitelist_remove_all", WhitelistRemoveAll);
            router.Get("/channel/whitelist", WhitelistGet);
        }

        internal static bool HasSpecialCharacters(string id) => id.IndexOfAny(new[] { '@', '#', '&' }) >= 0;

        private static bool IsBlank(string s) => s.Trim().Length == 0;

        /// <summary>stringArrayIsEmpty: no entries, or every entry blank.</summary>
        private static bool AllBlank(List<string>? list) => list == null || list.All(IsBlank);

        private static bool Flag(GoObject o, string name) => o.Int(name) == 1;

        private static void WriteFlags(EmulatorState s, GoObject body)
        {
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            bool existed = s.FindChannel(id, type) != null;
            ChannelRecord record = s.GetOrCreateChannel(id, type, listable: true);
            if (!existed)
            {
                s.StampListableCreation(record);
                if (s.FindListCounters(id, type) is ListCounters counters)
                {
                    record.DenylistCount = counters.Denylist;
                    record.AllowlistCount = counters.Allowlist;
                }
            }
            // A full overwrite: a flag left out of the request is stored as off.
            record.Large = Flag(body, "large");
            record.Ban = Flag(body, "ban");
            record.Disband = Flag(body, "disband");
            record.SendBan = Flag(body, "send_ban");
            record.AllowStranger = Flag(body, "allow_stranger");
            record.UpdatedAt = DateTimeOffset.UtcNow;
        }

        private static ApiResult CreateOrUpdate(ApiRequest r)
        {
            if (!r.TryDecode(ChannelCreateReq, DecodeFailure.PrefixedText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            List<string> subscribers = body.Strings("subscribers") ?? new List<string>();
            if (IsBlank(id)) return ApiResult.Err(ChannelIdBlank);
            if (type == 0) return ApiResult.Err("频道类型错误！");
            if (HasSpecialCharacters(id)) return ApiResult.Err(SpecialCharacters);
            if (type == PersonType && subscribers.Count > 0) return ApiResult.Err("不支持个人频道添加订阅者！");

            EmulatorState s = r.State;
            WriteFlags(s, body);
            if (body.Int("reset") == 1)
            {
                s.SubscribersOf(id, type).Clear();
                s.RemoveChannelTag(id, type);
            }
            AddSubscribers(s, id, type, subscribers);
            return ApiResult.Ok();
        }

        private static ApiResult UpdateInfo(ApiRequest r)
        {
            if (!r.TryDecode(ChannelInfoReq, DecodeFailure.FixedText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            // v2.2.5 validates nothing here: empty ids, type 0 and special characters are stored.
            WriteFlags(r.State, body);
            return ApiResult.Ok();
        }

        private static ApiResult Delete(ApiRequest r)
        {
            if (!r.TryDecode(ChannelDeleteReq, DecodeFailure.PrefixedText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            byte type = body.U8("channel_type");
            if (type == PersonType) return ApiResult.Err(PersonNoSubscribers);
            // Nothing is deleted: the record is only marked disbanded, messages stay readable.
            if (r.State.FindChannel(body.Str("channel_id"), type) is ChannelRecord record)
            {
                record.Disband = true;
                record.UpdatedAt = DateTimeOffset.UtcNow;
            }
            return ApiResult.Ok();
        }

        /// <summary>Adds members (idempotent) and gives each a chat conversation read up to the channel's last message.</summary>
        private static void AddSubscribers(EmulatorState s, string id, byte type, List<string> uids)
        {
            if (uids.Count == 0)
            {
                return;
            }
            HashSet<string> members = s.SubscribersOf(id, type);
            ulong lastSeq = s.LastMessageSeq(id, type);
            foreach (string uid in uids)
            {
                members.Add(uid);
                if (type != LiveType && s.EnsureConversation(uid, id, type, lastSeq) is ConversationRecord conversation && conversation.ReadedToMsgSeq < lastSeq)
                {
                    conversation.ReadedToMsgSeq = lastSeq;
                    conversation.UpdatedAt = DateTimeOffset.UtcNow;
                }
            }
            s.RefreshChannelTag(id, type, members);
        }

        private static ApiResult SubscriberAdd(ApiRequest r)
        {
            if (!r.TryDecode(SubscriberAddReq, DecodeFailure.PrefixedText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            if (type == 0) type = GroupType;
            List<string>? subscribers = body.Strings("subscribers");
            if (IsBlank(id)) return ApiResult.Err(ChannelIdBlank);
            if (HasSpecialCharacters(id)) return ApiResult.Err(SpecialCharacters);
            if (AllBlank(subscribers)) return ApiResult.Err(SubscribersEmpty);
            if (type == PersonType) return ApiResult.Err(PersonNoSubscribers);
            if (body.Int("temp_subscriber") == 1) return ApiResult.Err("新版本临时订阅者已不支持！");

            EmulatorState s = r.State;
            // A record created here has no creation time, so it never enters the /cluster/channels listing.
            s.GetOrCreateChannel(id, type, listable: false);
            if (body.Int("reset") == 1)
            {
                s.SubscribersOf(id, type).Clear();
                s.RemoveChannelTag(id, type);
            }
            AddSubscribers(s, id, type, subscribers!);
            return ApiResult.Ok();
        }

        private static ApiResult SubscriberRemove(ApiRequest r)
        {
            if (!r.TryDecode(SubscriberRemoveReq, DecodeFailure.PrefixedText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            List<string>? subscribers = body.Strings("subscribers");
            if (IsBlank(id)) return ApiResult.Err(ChannelIdBlank);
            if (HasSpecialCharacters(id)) return ApiResult.Err(SpecialCharacters);
            if (AllBlank(subscribers)) return ApiResult.Err(SubscribersEmpty);
            if (type == PersonType) return ApiResult.Err(PersonNoSubscribers);

            EmulatorState s = r.State;
            HashSet<string> members = s.SubscribersOf(id, type);
            foreach (string uid in subscribers!)
            {
                members.Remove(uid);
                if (type != LiveType)
                {
                    s.RemoveConversation(uid, id, type);
                }
            }
            s.RefreshChannelTag(id, type, members);
            return ApiResult.Ok();
        }

        /// <summary>
        /// The body of the three remove-all routes, {"channel_id","channel_type"}, with their shared checks in v2.2.5's order:
        /// an empty id, then type 0.
        /// </summary>
        private static bool TryReadChannel(ApiRequest r, DecodeFailure failure, out string id, out byte type, [NotNullWhen(false)] out ApiResult? error)
        {
            id = string.Empty;
            type = 0;
            if (!r.TryDecode(ChannelReq, failure, out GoObject body, out error)) return false;
            id = body.Str("channel_id");
            type = body.U8("channel_type");
            if (id.Length == 0) error = ApiResult.Err(ChannelIdEmpty);
            else if (type == 0) error = ApiResult.Err(TypeZero);
            return error == null;
        }

        private static ApiResult SubscriberRemoveAll(ApiRequest r)
        {
            if (!TryReadChannel(r, DecodeFailure.PrefixedText, out string id, out byte type, out ApiResult? invalid)) return invalid;
            if (type == PersonType) return ApiResult.Err("个人频道不支持此操作！");
            // Conversations are deliberately left alone, as in v2.2.5.
            r.State.SubscribersOf(id, type).Clear();
            r.State.RemoveChannelTag(id, type);
            return ApiResult.Ok();
        }

        private static ApiResult TempSubscriberSet(ApiRequest r)
        {
            if (!r.TryDecode(TmpSubscriberSetReq, DecodeFailure.PrefixedText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            string id = body.Str("channel_id");
            List<string>? uids = body.Strings("uids");
            if (id.Length == 0) return ApiResult.Err(ChannelIdEmpty);
            if (HasSpecialCharacters(id)) return ApiResult.Err(SpecialCharacters);
            if (uids == null || uids.Count == 0) return ApiResult.Err(UidsEmpty);
            r.State.TempSubscribers[id] = new List<string>(uids);
            // The server keeps the temp channel's receivers as its tag.
            r.State.EnsureChannelTag(id, 8, uids);
            return ApiResult.Ok();
        }

        private static ApiResult? CheckDenylistRequest(GoObject body)
        {
            if (body.Str("channel_id").Length == 0) return ApiResult.Err(ChannelIdEmpty);
            if (body.U8("channel_type") == 0) return ApiResult.Err(TypeZero);
            List<string>? uids = body.Strings("uids");
            if (uids == null || uids.Count == 0) return ApiResult.Err(UidsEmpty);
            return null;
        }

        /// <summary>A listed uid loses its conversation with the channel (no-op for person channels, whose conversations use derived ids).</summary>
        private static void DropConversations(EmulatorState s, string id, byte type, IEnumerable<string> uids)
        {
            if (type == LiveType) return;
            foreach (string uid in uids)
            {
                s.RemoveConversation(uid, id, type);
            }
        }

        private static ApiResult BlacklistAdd(ApiRequest r)
        {
            if (!r.TryDecode(BlacklistReq, DecodeFailure.RawText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            if (CheckDenylistRequest(body) is ApiResult invalid) return invalid;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            List<string> uids = body.Strings("uids")!;
            EmulatorState s = r.State;
            s.DenylistOf(id, type).UnionWith(uids);
            s.UpdateListCounters(id, type, c => c.Denylist += uids.Count);
            DropConversations(s, id, type, uids);
            return ApiResult.Ok();
        }

        private static ApiResult BlacklistSet(ApiRequest r)
        {
            if (!r.TryDecode(BlacklistReq, DecodeFailure.RawText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            if (IsBlank(id)) return ApiResult.Err(ChannelIdBlank);
            List<string> uids = body.Strings("uids") ?? new List<string>();
            EmulatorState s = r.State;
            HashSet<string> list = s.DenylistOf(id, type);
            list.Clear();
            list.UnionWith(uids);
            s.UpdateListCounters(id, type, c => c.Denylist = uids.Count);
            DropConversations(s, id, type, uids);
            return ApiResult.Ok();
        }

        private static ApiResult BlacklistRemove(ApiRequest r)
        {
            if (!r.TryDecode(BlacklistReq, DecodeFailure.RawText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            if (CheckDenylistRequest(body) is ApiResult invalid) return invalid;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            List<string> uids = body.Strings("uids")!;
            EmulatorState s = r.State;
            s.DenylistOf(id, type).ExceptWith(uids);
            s.UpdateListCounters(id, type, c => c.Denylist -= uids.Count);
            if (type != LiveType)
            {
                ulong lastSeq = s.LastMessageSeq(id, type);
                foreach (string uid in uids)
                {
                    s.EnsureConversation(uid, id, type, lastSeq);
                }
            }
            return ApiResult.Ok();
        }

        private static ApiResult BlacklistRemoveAll(ApiRequest r)
        {
            if (!TryReadChannel(r, DecodeFailure.RawText, out string id, out byte type, out ApiResult? invalid)) return invalid;
            r.State.DenylistOf(id, type).Clear();
            r.State.UpdateListCounters(id, type, c => c.Denylist = 0);
            return ApiResult.Ok();
        }

        private static ApiResult? CheckAllowlistRequest(GoObject body)
        {
            string id = body.Str("channel_id");
            if (id.Length == 0) return ApiResult.Err(ChannelIdEmpty);
            if (HasSpecialCharacters(id)) return ApiResult.Err(SpecialCharacters);
            if (body.U8("channel_type") == 0) return ApiResult.Err(TypeZero);
            if (AllBlank(body.Strings("uids"))) return ApiResult.Err(UidsEmpty);
            return null;
        }

        private static void AllowUids(EmulatorState s, string id, byte type, IEnumerable<string> uids)
        {
            Dictionary<string, AllowlistMember> list = s.AllowlistOf(id, type);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (string uid in uids)
            {
                if (list.TryGetValue(uid, out AllowlistMember? member))
                {
                    member.UpdatedAt = now;
                }
                else
                {
                    list[uid] = new AllowlistMember { Uid = uid, CreatedAt = now, UpdatedAt = now };
                }
            }
        }

        private static ApiResult WhitelistAdd(ApiRequest r)
        {
            if (!r.TryDecode(WhitelistReq, DecodeFailure.RawText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            if (CheckAllowlistRequest(body) is ApiResult invalid) return invalid;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            List<string> uids = body.Strings("uids")!;
            EmulatorState s = r.State;
            AllowUids(s, id, type, uids);
            s.UpdateListCounters(id, type, c => c.Allowlist += uids.Count);
            if (type == PersonType)
            {
                // An allowed sender gets a conversation with the list's owner, under the pair's derived id.
                foreach (string uid in uids.Where(u => u != id))
                {
                    string stored = Hashes.PersonChannelId(uid, id);
                    s.EnsureConversation(uid, stored, PersonType, s.LastMessageSeq(stored, PersonType));
                }
            }
            return ApiResult.Ok();
        }

        private static ApiResult WhitelistSet(ApiRequest r)
        {
            if (!r.TryDecode(WhitelistReq, DecodeFailure.RawText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            if (IsBlank(id)) return ApiResult.Err(ChannelIdBlank);
            List<string> uids = body.Strings("uids") ?? new List<string>();
            EmulatorState s = r.State;
            Dictionary<string, AllowlistMember> list = s.AllowlistOf(id, type);
            var keep = new HashSet<string>(uids, StringComparer.Ordinal);
            foreach (string gone in list.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                list.Remove(gone);
            }
            AllowUids(s, id, type, uids);
            s.UpdateListCounters(id, type, c => c.Allowlist = uids.Count);
            return ApiResult.Ok();
        }

        private static ApiResult WhitelistRemove(ApiRequest r)
        {
            if (!r.TryDecode(WhitelistReq, DecodeFailure.RawText, out GoObject body, out ApiResult? decodeError)) return decodeError;
            if (CheckAllowlistRequest(body) is ApiResult invalid) return invalid;
            string id = body.Str("channel_id");
            byte type = body.U8("channel_type");
            List<string> uids = body.Strings("uids")!;
            Dictionary<string, AllowlistMember> list = r.State.AllowlistOf(id, type);
            foreach (string uid in uids)
            {
                list.Remove(uid);
            }
            r.State.UpdateListCounters(id, type, c => c.Allowlist -= uids.Count);
            return ApiResult.Ok();
        }

        private static ApiResult WhitelistRemoveAll(ApiRequest r)
        {
            if (!TryReadChannel(r, DecodeFailure.RawText, out string id, out byte type, out ApiResult? invalid)) return invalid;
            r.State.AllowlistOf(id, type).Clear();
            r.State.UpdateListCounters(id, type, c => c.Allowlist = 0);
            return ApiResult.Ok();
        }

        private static ApiResult WhitelistGet(ApiRequest r)
        {
            EmulatorState s = r.State;
            string id = r.QueryString("channel_id");
            byte type = r.QueryUInt8("channel_type");
            if (!s.Allowlists.TryGetValue((id, type), out Dictionary<string, AllowlistMember>? list))
            {
                return ApiResult.Bare(Array.Empty<object>());
            }
            var rows = list.Values
                .Select(m => new { id = Hashes.Fnv1a64(m.Uid), uid = m.Uid, created_at = Rfc3339(m.CreatedAt), updated_at = Rfc3339(m.UpdatedAt) })
                .OrderBy(m => m.id)
                .ToList();
            return ApiResult.Bare(rows);
        }

        /// <summary>Go's time.Time JSON form (RFC 3339 with trimmed nanoseconds); the emulator keeps times in UTC.</summary>
        internal static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
