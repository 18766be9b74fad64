using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>
    /// Channel cluster state (wukongim-api.md §11.7, §11.8): a channel's raft config, replicas and local replica, the
    /// configs led by a node, /cluster/channel/status, and the channel actions migrate, start and stop.
    /// Channel ids are the stored ids (a person channel's derived a@b id).
    /// </summary>
    public sealed class ClusterChannelConfigRoutes : IRouteModule
    {
        private static readonly GoStruct MigrateReq = new("cluster", "",
            new GoField("migrate_from", GoType.Uint64),
            new GoField("migrate_to", GoType.Uint64));

        private static readonly GoStruct ChannelBase = new("cluster", "channelBase",
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8));

        private static readonly GoStruct StatusReq = new("cluster", "",
            new GoField("channels", GoType.ObjectSlice, null, ChannelBase));

        public void Map(Router router)
        {
            router.Get("/cluster/channels/{channel_id}/{channel_type}/config", Config);
            router.Get("/cluster/channels/{channel_id}/{channel_type}/replicas", Replicas);
            router.Get("/cluster/channels/{channel_id}/{channel_type}/localReplica", r => ApiResult.Bare(LocalReplica(r.State, Id(r), Type(r))));
            router.Post("/cluster/channels/{channel_id}/{channel_type}/migrate", Migrate);
            router.Post("/cluster/channels/{channel_id}/{channel_type}/start", r => StartStop(r, "clusterchannelStart", running: true));
            router.Post("/cluster/channels/{channel_id}/{channel_type}/stop", r => StartStop(r, "clusterchannelStop", running: false));
            router.Get("/cluster/nodes/{id}/channels", NodeChannels);
            router.Post("/cluster/channel/status", Status);
        }

        private static string Id(ApiRequest r) => r.RouteValues["channel_id"];

        private static byte Type(ApiRequest r)
        {
            ulong v = ClusterText.Lenient(r.RouteValues["channel_type"]);
            return v > 255 ? (byte)255 : (byte)v;
        }

        /// <summary>Only the channel's slot leader answers; another node_id forwards, an unknown one crashes (nil node).</summary>
        private static ApiResult Config(ApiRequest r)
        {
            EmulatorState s = r.State;
            ulong nodeId = r.QueryUInt("node_id");
            if (nodeId > 0 && nodeId != s.NodeId)
            {
                if (!s.Nodes.ContainsKey(nodeId)) throw new EmulatedPanicException("channel config forwarded to an unknown node");
                return ClusterForward.To(r, nodeId, () => Config(r));
            }
            string id = Id(r);
            byte type = Type(r);
            if (s.SlotLeaderOf(id) != s.NodeId) return ApiResult.Err("slot leader is not current node");
            ChannelClusterConfig? c = s.ChannelConfigOf(id, type);
            if (c == null) return ApiResult.Err("not found");
            var body = new Dictionary<string, object?>();
            body.OmitEmpty("id", Hashes.Fnv1a64(id + "-" + type));
            body.OmitEmpty("channel_id", c.ChannelId);
            body.OmitEmpty("channel_type", c.ChannelType);
            body.OmitEmpty("replica_max_count", s.Cluster.ReplicaCount);
            body.OmitEmpty("replicas", c.Replicas);
            body.OmitEmpty("learder_id", c.Leader);
            body.OmitEmpty("term", c.Term);
            body.OmitEmpty("migrate_from", c.MigrateFrom);
            body.OmitEmpty("migrate_to", c.MigrateTo);
            body.OmitEmpty("conf_version", c.ConfVersion);
            body["created_at"] = Rfc3339(c.CreatedAtNs);
            body["updated_at"] = Rfc3339(c.UpdatedAtNs);
            return ApiResult.Bare(body);
        }

        private static string Rfc3339(long unixNanos) => DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Forwarded to the slot leader (so any node answers the same); online replicas only.</summary>
        private static ApiResult Replicas(ApiRequest r)
        {
            EmulatorState s = r.State;
            string id = Id(r);
            byte type = Type(r);
            ChannelClusterConfig? c = s.ChannelConfigOf(id, type);
            if (c == null) return ApiResult.Err("not found");
            var rows = new List<Dictionary<string, object?>>();
            foreach (ulong replica in c.Replicas.Where(s.IsOnline))
            {
                Dictionary<string, object?> row = s.AsNode(replica, () => LocalReplica(s, id, type));
                row["role"] = replica == c.Leader ? 3 : 1;
                row["role_format"] = replica == c.Leader ? "leader" : "follower";
                long time = (long)(ulong)row["last_msg_time"]!;
                row["last_msg_time_format"] = time == 0 ? string.Empty : GoFormat.Duration(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch.AddTicks(time / 100));
                rows.Add(row);
            }
            return ApiResult.Bare(rows);
        }

        /// <summary>The answering node's replica; zeros for a channel it does not run (never an error).</summary>
        private static Dictionary<string, object?> LocalReplica(EmulatorState s, string id, byte type)
        {
            ChannelClusterConfig? c = s.ChannelConfigOf(id, type);
            bool running = c != null && c.Running && c.Replicas.Contains(s.NodeId);
            return new Dictionary<string, object?>
            {
                ["replica_id"] = s.NodeId,
                ["leader_id"] = running ? c!.Leader : 0UL,
                ["running"] = running ? 1 : 0,
                ["last_msg_seq"] = s.LastMessageSeq(id, type),
                ["last_msg_time"] = LastMessageTime(s, id, type),
                ["term"] = running ? c!.Term : 0U,
                ["conf_version"] = running ? c!.ConfVersion : 0UL,
            };
        }

        private static ulong LastMessageTime(EmulatorState s, string id, byte type) =>
            s.Messages.TryGetValue((id, type), out List<StoredMessage>? list) && list.Count > 0 ? (ulong)list[^1].Timestamp * 1_000_000_000UL : 0UL;

        /// <summary>Unguarded in v2.2.5 (only managerToken protects it). Applied at once: the new replica set replaces the old.</summary>
        private static ApiResult Migrate(ApiRequest r)
        {
            if (!r.TryDecode(MigrateReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            EmulatorState s = r.State;
            ChannelClusterConfig? c = s.ChannelConfigOf(Id(r), Type(r));
            if (c == null) return ApiResult.Err("not found");
            ulong from = req.U64("migrate_from"), to = req.U64("migrate_to");
            if (!c.Replicas.Contains(from)) return ApiResult.Err("MigrateFrom not in replicas");
            if (c.Replicas.Contains(to) && from != c.Leader) return ApiResult.Err("transition between followers is not supported");
            if (c.MigrateFrom != 0 || c.MigrateTo != 0) return ApiResult.Err("migrate is in progress");
            if (!s.Nodes.ContainsKey(to)) return ApiResult.Err("node not found");
            if (c.Replicas.Contains(to))
            {
                c.Leader = to;
            }
            else
            {
                c.Replicas[c.Replicas.IndexOf(from)] = to;
                if (c.Leader == from) c.Leader = to;
            }
            c.Term++;
            c.ConfVersion++;
            c.UpdatedAtNs = s.NextUnixNano();
            return ApiResult.Ok();
        }

        /// <summary>Guarded by clusterchannelStart / clusterchannelStop (write); then forwarded to the channel leader.</summary>
        private static ApiResult StartStop(ApiRequest r, string resource, bool running)
        {
            if (ManagerLoginRoutes.Refuse(r, resource) is ApiResult refused) return refused;
            EmulatorState s = r.State;
            ChannelClusterConfig? c = s.ChannelConfigOf(Id(r), Type(r));
            if (c == null) return ApiResult.Err("not found");
            if (c.Leader == 0) return ApiResult.Err("leader not found");
            if (!s.IsOnline(c.Leader)) return ApiResult.Err(ClusterForward.TransportError(s, c.Leader, r.Method, r.Path));
            c.Running = running;
            return ApiResult.Ok();
        }

        /// <summary>The channel configs whose slot node :id leads, paged on creation time; forwarded to that node.</summary>
        private static ApiResult NodeChannels(ApiRequest r)
        {
            EmulatorState s = r.State;
            if (!ClusterText.TryParseUint(r.RouteValues["id"], 64, out ulong nodeId, out string error)) return ApiResult.Err(error);
            if (!s.Nodes.ContainsKey(nodeId)) return ApiResult.Err("node not found");
            if (!s.IsOnline(nodeId)) return ApiResult.Err("node offline");
            string channelId = r.QueryString("channel_id");
            byte channelType = r.QueryUInt8("channel_type");
            List<ChannelClusterConfig> led = s.AllChannelConfigs().Where(c => s.SlotLeaderOf(c.ChannelId) == nodeId).ToList();
            int runningCount = led.Count(c => c.Running);
            if (channelId.Length > 0)
            {
                ChannelClusterConfig? one = led.FirstOrDefault(c => c.ChannelId == channelId && c.ChannelType == channelType);
                if (one == null) return ApiResult.Err("not found");
                return ApiResult.Bare(new { total = 0, more = 0, running = runningCount, data = new[] { NodeChannelRow(s, one) } });
            }
            IEnumerable<ChannelClusterConfig> matching = led.Where(c => channelType == 0 || c.ChannelType == channelType);
            long limit = r.QueryInt("limit");
            if (limit <= 0) limit = 20;
            if (limit > 1_000_000) throw new EmulatedPanicException("limit pre-allocation");
            long cursor = r.QueryInt("offset_created_at");
            bool pre = r.QueryInt("pre") == 1;
            List<ChannelClusterConfig> page = pre
                ? matching.Where(c => cursor == 0 || c.CreatedAtNs > cursor).OrderBy(c => c.CreatedAtNs).Take((int)limit + 1).ToList()
                : matching.Where(c => cursor == 0 || c.CreatedAtNs < cursor).OrderByDescending(c => c.CreatedAtNs).Take((int)limit + 1).ToList();
            int more = page.Count > limit ? 1 : 0;
            var data = page.Take((int)limit).OrderByDescending(c => c.CreatedAtNs).Select(c => NodeChannelRow(s, c)).ToList();
            return ApiResult.Bare(new { total = 0, more, running = runningCount, data });
        }

        private static object NodeChannelRow(EmulatorState s, ChannelClusterConfig c)
        {
            ulong lastTime = LastMessageTime(s, c.ChannelId, c.ChannelType);
            SlotConfig slot = s.Slots[(int)s.SlotOf(c.ChannelId)];
            return new
            {
                channel_id = c.ChannelId,
                channel_type = c.ChannelType,
                channel_type_format = ClusterText.ChannelTypeFormat(c.ChannelType),
                replica_count = c.Replicas.Count,
                replicas = c.Replicas,
                leader_id = c.Leader,
                term = c.Term,
                slot_id = slot.Id,
                slot_leader_id = slot.Leader,
                last_message_seq = s.LastMessageSeq(c.ChannelId, c.ChannelType),
                last_append_time = lastTime == 0 ? string.Empty : GoFormat.Duration(DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds((long)(lastTime / 1_000_000_000UL))),
                active = c.Running ? 1 : 0,
                active_format = c.Running ? "运行中" : "未运行",
                status = 0,
                status_format = "正常",
                migrate_from = c.MigrateFrom,
                migrate_to = c.MigrateTo,
                created_at = c.CreatedAtNs,
                updated_at = c.UpdatedAtNs,
                created_at_format = ClusterText.Seconds(c.CreatedAtNs),
                updated_at_format = ClusterText.Seconds(c.UpdatedAtNs),
            };
        }

        /// <summary>Read-only despite POST; gin binder, so a bad body loses the JSON content type.</summary>
        private static ApiResult Status(ApiRequest r)
        {
            if (!r.TryDecode(StatusReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError, ginBound: true)) return decodeError;
            EmulatorState s = r.State;
            var rows = new List<object>();
            foreach (GoObject ch in req.Objs("channels") ?? new List<GoObject>())
            {
                string id = ch.Str("channel_id");
                byte type = ch.U8("channel_type");
                bool running = s.ChannelConfigOf(id, type) is ChannelClusterConfig c && c.Running && c.Replicas.Contains(s.NodeId);
                rows.Add(new { channel_id = id, channel_type = type, running = running ? 1 : 0, last_msg_seq = s.LastMessageSeq(id, type), last_msg_time = LastMessageTime(s, id, type) });
            }
            return ApiResult.Bare(rows);
        }
    }
}
