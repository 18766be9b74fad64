using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>
    /// /user/* (wukongim-api.md §3.3) and the user and device listings of the /cluster read API (§11.3), with v2.2.5's
    /// validation order, texts, response shapes and crashes.
    /// </summary>
    public sealed class UsersRoutes : IRouteModule
    {
        private const string SystemUid = "____system";
        private static readonly TimeSpan DeviceCacheLifetime = TimeSpan.FromMinutes(10);

        private static readonly GoStruct UpdateTokenReq = new("api", "UpdateTokenReq",
            new GoField("uid", GoType.String),
            new GoField("token", GoType.String),
            new GoField("device_flag", GoType.Uint8, "wkproto.DeviceFlag"),
            new GoField("device_level", GoType.Uint8, "wkproto.DeviceLevel"));

        // Handlers that decode into anonymous structs: Go names no struct in their error texts.
        private static readonly GoStruct DeviceQuitReq = new("", "", new GoField("uid", GoType.String), new GoField("device_flag", GoType.Int));
        private static readonly GoStruct UidsReq = new("", "", new GoField("uids", GoType.StringSlice));
        private static readonly GoStruct PluginNoReq = new("", "", new GoField("uid", GoType.String), new GoField("plugin_no", GoType.String));

        public void Map(Router router)
        {
            router.Post("/user/token", UpdateToken);
            router.Post("/user/device_quit", DeviceQuit);
            router.Post("/user/onlinestatus", OnlineStatus);
            router.Post("/user/systemuids_add", r => SystemUids(r, add: true));
            router.Post("/user/systemuids_remove", r => SystemUids(r, add: false));
            router.Get("/user/systemuids", GetSystemUids);
            router.Post("/user/systemuids_add_to_cache", r => SystemUidCache(r, add: true));
            router.Post("/user/systemuids_remove_from_cache", r => SystemUidCache(r, add: false));
            router.Post("/user/update_plugin_no", UpdatePluginNo);
            router.Get("/cluster/users", ClusterUsers);
            router.Get("/cluster/devices", ClusterDevices);
        }

        private static ApiResult UpdateToken(ApiRequest r)
        {
            if (!r.TryDecode(UpdateTokenReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid");
            string token = req.Str("token");
            if (uid.Length == 0) return ApiResult.Err("uid不能为空！");
            if (token.Length == 0) return ApiResult.Err("token不能为空！");
            if (uid.IndexOfAny(new[] { '@', '#', '&' }) >= 0) return ApiResult.Err("uid不能包含特殊字符！");
            if (uid == SystemUid) return ApiResult.Err("系统账号不允许更新token！");

            EmulatorState s = r.State;
            // The person channel whose id is the uid carries the user-level ban and disband switches.
            ChannelRecord? person = s.FindChannel(uid, 1);
            if (person != null && person.Ban) return ApiResult.Status(19);
            if (person != null && person.Disband) return ApiResult.Status(24);

            long now = s.NextUnixNano();
            if (!s.Users.ContainsKey(uid))
            {
                s.Users[uid] = new UserRecord { Uid = uid, CreatedAtNs = now, UpdatedAtNs = now };
            }
            byte flag = req.U8("device_flag");
            byte level = req.U8("device_level");
            if (s.Devices.TryGetValue((uid, flag), out DeviceRecord? device))
            {
                device.Token = token;
                device.DeviceLevel = level;
                device.UpdatedAtNs = now;
                device.RefreshedAt = DateTimeOffset.UtcNow;
            }
            else
            {
                s.Devices[(uid, flag)] = new DeviceRecord { Id = s.NextId(), Uid = uid, DeviceFlag = flag, DeviceLevel = level, Token = token, CreatedAtNs = now, UpdatedAtNs = now };
            }
            if (level == 1)
            {
                // A master login kicks the uid's current connections with this flag (closed ~10 s later on the server).
                s.RemoveConnections(c => c.Uid == uid && c.DeviceFlag == flag);
            }
            return ApiResult.Ok();
        }

        private static ApiResult DeviceQuit(ApiRequest r)
        {
            if (!r.TryDecode(DeviceQuitReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid");
            long flag = req.Int("device_flag");
            // Go converts the int to a uint8 device flag, so only the low byte counts.
            byte[] flags = flag == -1 ? new byte[] { 0, 1, 2 } : new[] { unchecked((byte)flag) };
            EmulatorState s = r.State;
            foreach (byte f in flags)
            {
                if (!s.Devices.TryGetValue((uid, f), out DeviceRecord? device))
                {
                    // No device record: the server skips the whole step, kick included.
                    continue;
                }
                device.Token = string.Empty;
                device.DeviceLevel = 1;
                device.UpdatedAtNs = s.NextUnixNano();
                device.RefreshedAt = DateTimeOffset.UtcNow;
                s.RemoveConnections(c => c.Uid == uid && c.DeviceFlag == f);
            }
            return ApiResult.Ok();
        }

        private static ApiResult OnlineStatus(ApiRequest r)
        {
            List<string>? uids;
            try
            {
                uids = GoBinder.DecodeStringArray(r.Body);
            }
            catch (GoJsonException ex)
            {
                return ApiResult.Err(ex.Message, ginBound: true);
            }
            if (uids == null || uids.Count == 0)
            {
                return ApiResult.Ok();
            }
            var rows = new List<object>();
            foreach (string uid in uids)
            {
                foreach (SimConnection c in r.State.ConnectionsOf(uid))
                {
                    rows.Add(new { uid = c.Uid, device_flag = (byte)c.DeviceFlag, online = 1 });
                }
            }
            return ApiResult.Bare(rows);
        }

        private static ApiResult SystemUids(ApiRequest r, bool add)
        {
            if (!r.TryDecode(UidsReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            foreach (string uid in req.Strings("uids") ?? new List<string>())
            {
                if (add)
                {
                    r.State.SystemUids.Add(uid);
                    r.State.SystemUidCache.Add(uid);
                }
                else
                {
                    r.State.SystemUids.Remove(uid);
                    r.State.SystemUidCache.Remove(uid);
                }
            }
            return ApiResult.Ok();
        }

        private static ApiResult SystemUidCache(ApiRequest r, bool add)
        {
            if (!r.TryDecode(UidsReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError, ginBound: true)) return decodeError;
            foreach (string uid in req.Strings("uids") ?? new List<string>())
            {
                if (add) r.State.SystemUidCache.Add(uid);
                else r.State.SystemUidCache.Remove(uid);
            }
            return ApiResult.Ok();
        }

        // A fresh server has no stored system uids and answers null, not [].
        private static ApiResult GetSystemUids(ApiRequest r)
        {
            List<string> uids = r.State.SystemUidsInStoreOrder();
            return ApiResult.Bare(uids.Count == 0 ? null : uids);
        }

        private static ApiResult UpdatePluginNo(ApiRequest r)
        {
            if (!r.TryDecode(PluginNoReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            r.State.PluginNumbers[req.Str("uid")] = req.Str("plugin_no");
            return ApiResult.Ok();
        }

        private static ApiResult ClusterUsers(ApiRequest r)
        {
            EmulatorState s = r.State;
            string uid = r.QueryString("uid");
            if (uid.Length > 0)
            {
                // v2.2.5 dereferences the empty record's nil created_at for an unknown uid.
                if (!s.Users.TryGetValue(uid, out UserRecord? user)) throw new EmulatedPanicException("GET /cluster/users?uid= of an unknown user");
                return ApiResult.Bare(new { total = 0, more = 0, data = new[] { UserRow(s, user) } });
            }
            // The local path (node_id = this node) searches only this node's share: users whose slot it leads.
            var (rows, more) = Page(r, IsLocalPath(r) ? s.Users.Values.Where(u => s.IsLocal(u.Uid)) : s.Users.Values, u => u.CreatedAtNs);
            return ApiResult.Bare(new { total = 0, more, data = rows.Select(u => UserRow(s, u)).ToList() });
        }

        private static ApiResult ClusterDevices(ApiRequest r)
        {
            EmulatorState s = r.State;
            string uid = r.QueryString("uid");
            bool localPath = IsLocalPath(r);
            if (uid.Length > 0)
            {
                ulong flag = r.QueryUInt("device_flag");
                if (flag != 0)
                {
                    DeviceRecord? one = flag <= 255 && s.Devices.TryGetValue((uid, (byte)flag), out DeviceRecord? d) ? d : null;
                    if (one == null) return ApiResult.Err("not found");
                    // The refresh path caches a copy without created_at for ten minutes; the flag lookup reads it and crashes.
                    if (one.RefreshedAt.HasValue && DateTimeOffset.UtcNow - one.RefreshedAt.Value < DeviceCacheLifetime)
                    {
                        throw new EmulatedPanicException("GET /cluster/devices?uid=&device_flag= shortly after a refresh");
                    }
                    return ApiResult.Bare(new { total = 0, more = 0, data = new[] { DeviceRow(one) } });
                }
                List<DeviceRecord> mine = s.DevicesOf(uid).OrderByDescending(d => d.CreatedAtNs).ToList();
                // The local path runs the uid lookup once per DB shard (8 copies); the aggregated path de-duplicates.
                IEnumerable<DeviceRecord> listed = localPath ? mine.SelectMany(d => Enumerable.Repeat(d, 8)) : mine;
                return ApiResult.Bare(new { total = 0, more = 0, data = listed.Select(DeviceRow).ToList() });
            }
            var (rows, more) = Page(r, localPath ? s.Devices.Values.Where(d => s.IsLocal(d.Uid)) : s.Devices.Values, d => d.CreatedAtNs);
            return ApiResult.Bare(new { total = 0, more, data = rows.Select(DeviceRow).ToList() });
        }

        private static bool IsLocalPath(ApiRequest r) => r.QueryUInt("node_id") == r.State.NodeId;

        /// <summary>
        /// Keyset paging on creation time, newest first (§11.1): the aggregated path trims to limit and sets more; the
        /// local path (node_id = this node) returns up to limit+1 rows with more 0.
        /// </summary>
        internal static (List<T> Rows, int More) Page<T>(ApiRequest r, IEnumerable<T> all, Func<T, long> createdAt)
        {
            long limit = r.QueryInt("limit");
            if (limit <= 0) limit = 20;
            if (limit > 1_000_000) throw new EmulatedPanicException("limit pre-allocation");
            long cursor = r.QueryInt("offset_created_at");
            bool pre = r.QueryInt("pre") == 1;
            IEnumerable<T> matching = all;
            if (cursor > 0)
            {
                matching = pre ? matching.Where(x => createdAt(x) > cursor) : matching.Where(x => createdAt(x) < cursor);
            }
            int take = (int)limit + 1;
            List<T> found = pre
                ? matching.OrderBy(createdAt).Take(take).OrderByDescending(createdAt).ToList()
                : matching.OrderByDescending(createdAt).Take(take).ToList();
            if (IsLocalPath(r))
            {
                return (found, 0);
            }
            int more = found.Count > limit ? 1 : 0;
            if (more == 1)
            {
                // Trim the row furthest from the cursor: the oldest for a normal page, the newest for a pre page.
                found.RemoveAt(pre ? 0 : found.Count - 1);
            }
            return (found, more);
        }

        private static object UserRow(EmulatorState s, UserRecord u) => new
        {
            id = Hashes.Fnv1a64(u.Uid),
            uid = u.Uid,
            device_count = 0,
            online_device_count = 0,
            conn_count = 0,
            send_msg_count = 0,
            recv_msg_count = 0,
            send_msg_bytes = 0,
            recv_msg_bytes = 0,
            created_at = u.CreatedAtNs,
            updated_at = u.UpdatedAtNs,
            created_at_format = EmulatorState.FormatLocal(u.CreatedAtNs),
            updated_at_format = EmulatorState.FormatLocal(u.UpdatedAtNs),
            slot = Hashes.Crc32(u.Uid) % (uint)s.SlotCount,
        };

        private static object DeviceRow(DeviceRecord d) => new
        {
            id = d.Id,
            uid = d.Uid,
            token = d.Token,
            device_flag = (ulong)d.DeviceFlag,
            device_flag_format = d.DeviceFlag switch { 0 => "APP", 1 => "WEB", 2 => "PC", _ => "未知(" + d.DeviceFlag.ToString(CultureInfo.InvariantCulture) + ")" },
            device_level = d.DeviceLevel,
            device_level_format = d.DeviceLevel switch { 1 => "主设备", 0 => "从设备", _ => "未知(" + d.DeviceLevel.ToString(CultureInfo.InvariantCulture) + ")" },
            conn_count = 0,
            send_msg_count = 0,
            recv_msg_count = 0,
            send_msg_bytes = 0,
            recv_msg_bytes = 0,
            created_at = d.CreatedAtNs,
            updated_at = d.UpdatedAtNs,
            created_at_format = EmulatorState.FormatLocal(d.CreatedAtNs),
            updated_at_format = EmulatorState.FormatLocal(d.UpdatedAtNs),
        };
    }
}
