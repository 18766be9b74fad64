// TEMPORARY (users branch): minimal stand-ins for the /channel/info, /cluster/channels and person black/white list routes
// the user-management tests need. The channels branch implements them for real; the lead deletes this file on merge.
// Each route is registered only when no other module has mapped it, so the real routes win even before deletion.
using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.State
{
    public sealed partial class EmulatorState
    {
        public Dictionary<(string Id, byte Type), HashSet<string>> TempUsersDenylist { get; } = new();
        public Dictionary<(string Id, byte Type), Dictionary<string, DateTimeOffset>> TempUsersAllowlist { get; } = new();
    }
}

namespace WuKongIM.Emulator.Areas
{
    public sealed class TempUsersNeedsRoutes : IRouteModule
    {
        private static readonly GoStruct InfoReq = new("api", "channelInfoReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8), new GoField("large", GoType.Int),
            new GoField("ban", GoType.Int), new GoField("disband", GoType.Int), new GoField("send_ban", GoType.Int), new GoField("allow_stranger", GoType.Int));

        private static readonly GoStruct ListReq = new("api", "blacklistReq",
            new GoField("channel_id", GoType.String), new GoField("channel_type", GoType.Uint8), new GoField("uids", GoType.StringSlice));

        public void Map(Router router)
        {
            MapIfAbsent(router, "POST", "/channel/info", Info);
            MapIfAbsent(router, "GET", "/cluster/channels", Channels);
            MapIfAbsent(router, "POST", "/channel/blacklist_add", r => Deny(r, "add"));
            MapIfAbsent(router, "POST", "/channel/blacklist_remove", r => Deny(r, "remove"));
            MapIfAbsent(router, "POST", "/channel/blacklist_set", r => Deny(r, "set"));
            MapIfAbsent(router, "POST", "/channel/blacklist_remove_all", r => Deny(r, "remove_all"));
            MapIfAbsent(router, "POST", "/channel/whitelist_add", r => Allow(r, "add"));
            MapIfAbsent(router, "POST", "/channel/whitelist_remove", r => Allow(r, "remove"));
            MapIfAbsent(router, "POST", "/channel/whitelist_set", r => Allow(r, "set"));
            MapIfAbsent(router, "POST", "/channel/whitelist_remove_all", r => Allow(r, "remove_all"));
            MapIfAbsent(router, "GET", "/channel/whitelist", WhitelistGet);
            MapIfAbsent(router, "GET", "/cluster/channels/{channel_id}/{channel_type}/denylist", r => ListGet(r, deny: true));
            MapIfAbsent(router, "GET", "/cluster/channels/{channel_id}/{channel_type}/allowlist", r => ListGet(r, deny: false));
        }

        private static void MapIfAbsent(Router router, string method, string path, ApiHandler handler)
        {
            string probe = path.Replace("{channel_id}", "x").Replace("{channel_type}", "1");
            if (router.Find(method, probe, out _) == null)
            {
                router.Map(method, path, handler);
            }
        }

        private static ApiResult Info(ApiRequest r)
        {
            GoObject req;
            try { req = r.Decode(InfoReq); }
            catch (GoJsonException) { return ApiResult.Err("数据格式有误！"); }
            ChannelRecord c = r.State.GetOrCreateChannel(req.Str("channel_id"), req.U8("channel_type"), listable: true);
            c.Large = req.Int("large") == 1;
            c.Ban = req.Int("ban") == 1;
            c.Disband = req.Int("disband") == 1;
            c.SendBan = req.Int("send_ban") == 1;
            c.AllowStranger = req.Int("allow_stranger") == 1;
            c.UpdatedAt = DateTimeOffset.UtcNow;
            return ApiResult.Ok();
        }

        private static long Ns(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

        private static ApiResult Channels(ApiRequest r)
        {
            EmulatorState s = r.State;
            string id = r.QueryString("channel_id");
            byte type = r.QueryUInt8("channel_type");
            if (id.Length > 0 && type != 0)
            {
                ChannelRecord? one = s.FindChannel(id, type);
                return ApiResult.Bare(new { total = 0, more = 0, data = new[] { Row(one ?? new ChannelRecord()) } });
            }
            IEnumerable<ChannelRecord> listable = s.Channels.Values.Where(c => c.Listable && (id.Length == 0 || c.ChannelId == id) && (type == 0 || c.ChannelType == type));
            var (rows, more) = UsersRoutes.Page(r, listable, c => Ns(c.CreatedAt));
            return ApiResult.Bare(new { total = 0, more, data = rows.Select(Row).ToList() });
        }

        private static object Row(ChannelRecord c) => new
        {
            id = c.ChannelId.Length == 0 ? 0 : Hashes.Fnv1a64(c.ChannelId + "-" + c.ChannelType),
            channel_id = c.ChannelId,
            channel_type = c.ChannelType,
            ban = c.Ban ? 1 : 0,
            disband = c.Disband ? 1 : 0,
            subscriber_count = 0,
            allowlist_count = c.AllowlistCount,
            denylist_count = c.DenylistCount,
            last_msg_seq = 0,
            status_format = c.Ban ? "封禁" : c.Disband ? "解散" : "正常",
            created_at = c.ChannelId.Length == 0 ? 0 : Ns(c.CreatedAt),
            updated_at = c.ChannelId.Length == 0 ? 0 : Ns(c.UpdatedAt),
        };

        private static ApiResult Deny(ApiRequest r, string op)
        {
            GoObject req;
            try { req = r.Decode(ListReq); }
            catch (GoJsonException ex) { return ApiResult.Err(ex.Message); }
            string id = req.Str("channel_id");
            byte type = req.U8("channel_type");
            List<string> uids = req.Strings("uids") ?? new List<string>();
            if (op == "set")
            {
                if (id.Trim().Length == 0) return ApiResult.Err("频道ID不能为空！");
            }
            else
            {
                if (id.Length == 0) return ApiResult.Err("channel_id不能为空！");
                if (type == 0) return ApiResult.Err("频道类型不能为0！");
                if (op != "remove_all" && uids.Count == 0) return ApiResult.Err("uids不能为空！");
            }
            if (!r.State.TempUsersDenylist.TryGetValue((id, type), out HashSet<string>? set))
            {
                r.State.TempUsersDenylist[(id, type)] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            if (op == "set" || op == "remove_all") set.Clear();
            if (op == "add" || op == "set") set.UnionWith(uids);
            if (op == "remove") set.ExceptWith(uids);
            return ApiResult.Ok();
        }

        private static ApiResult Allow(ApiRequest r, string op)
        {
            GoObject req;
            try { req = r.Decode(ListReq); }
            catch (GoJsonException ex) { return ApiResult.Err(ex.Message); }
            string id = req.Str("channel_id");
            byte type = req.U8("channel_type");
            List<string> uids = req.Strings("uids") ?? new List<string>();
            if (op == "set")
            {
                if (id.Trim().Length == 0) return ApiResult.Err("频道ID不能为空！");
            }
            else
            {
                if (id.Length == 0) return ApiResult.Err("channel_id不能为空！");
                if (op != "remove_all" && id.IndexOfAny(new[] { '@', '#', '&' }) >= 0) return ApiResult.Err("频道ID不能包含特殊字符！");
                if (type == 0) return ApiResult.Err("频道类型不能为0！");
                if (op != "remove_all" && uids.All(u => u.Trim().Length == 0)) return ApiResult.Err("uids不能为空！");
            }
            if (!r.State.TempUsersAllowlist.TryGetValue((id, type), out Dictionary<string, DateTimeOffset>? map))
            {
                r.State.TempUsersAllowlist[(id, type)] = map = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }
            if (op == "set" || op == "remove_all") map.Clear();
            if (op == "add" || op == "set") foreach (string u in uids) map.TryAdd(u, DateTimeOffset.UtcNow);
            if (op == "remove") foreach (string u in uids) map.Remove(u);
            return ApiResult.Ok();
        }

        private static ApiResult WhitelistGet(ApiRequest r)
        {
            var key = (r.QueryString("channel_id"), r.QueryUInt8("channel_type"));
            if (!r.State.TempUsersAllowlist.TryGetValue(key, out Dictionary<string, DateTimeOffset>? map)) return ApiResult.Bare(Array.Empty<object>());
            return ApiResult.Bare(map.OrderBy(p => Hashes.Fnv1a64(p.Key)).Select(p => new { id = Hashes.Fnv1a64(p.Key), uid = p.Key, created_at = p.Value, updated_at = p.Value }).ToList());
        }

        private static ApiResult ListGet(ApiRequest r, bool deny)
        {
            string id = r.RouteValues["channel_id"];
            byte type = byte.TryParse(r.RouteValues["channel_type"], out byte t) ? t : (byte)0;
            IEnumerable<string> uids = deny
                ? (r.State.TempUsersDenylist.TryGetValue((id, type), out HashSet<string>? set) ? set : Enumerable.Empty<string>())
                : (r.State.TempUsersAllowlist.TryGetValue((id, type), out Dictionary<string, DateTimeOffset>? map) ? map.Keys : Enumerable.Empty<string>());
            return ApiResult.Bare(uids.OrderBy(Hashes.Fnv1a64).ToList());
        }
    }
}
