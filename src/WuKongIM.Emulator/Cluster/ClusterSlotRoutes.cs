using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>
    /// Slots (wukongim-api.md §11.7, §11.8): /cluster/allslot, /cluster/slots, a slot's config, replicas and local
    /// replica, and the two guarded slot actions, migrate and election.
    /// </summary>
    public sealed class ClusterSlotRoutes : IRouteModule
    {
        private static readonly GoStruct MigrateReq = new("cluster", "",
            new GoField("migrate_from", GoType.Uint64),
            new GoField("migrate_to", GoType.Uint64));

        public void Map(Router router)
        {
            router.Get("/cluster/allslot", AllSlots);
            router.Get("/cluster/slots", Slots);
            router.Get("/cluster/slots/{id}/config", SlotConfigRoute);
            router.Get("/cluster/slots/{id}/replicas", Replicas);
            router.Get("/cluster/slots/{id}/localReplica", LocalReplica);
            router.Post("/cluster/slots/{id}/migrate", Migrate);
            router.Post("/cluster/slots/{id}/election", Election);
        }

        internal static Dictionary<string, object?> SlotRow(EmulatorState s, SlotConfig x) => new()
        {
            ["id"] = x.Id,
            ["leader_id"] = x.Leader,
            ["term"] = x.Term,
            ["replicas"] = x.Replicas,
            ["channel_count"] = 0,
            // A slot whose leader is offline is reported from the config, without its log index.
            ["log_index"] = s.IsOnline(x.Leader) ? x.LogIndex : 0UL,
            ["status"] = 0,
            ["status_format"] = "正常",
        };

        private static ApiResult AllSlots(ApiRequest r)
        {
            EmulatorState s = r.State;
            if (s.ConfigLeader == 0) return ApiResult.Err("leader not found");
            var data = s.Slots.OrderBy(x => x.Id).Select(x => SlotRow(s, x)).ToList();
            return ApiResult.Bare(new { total = data.Count, data });
        }

        private static ApiResult Slots(ApiRequest r)
        {
            EmulatorState s = r.State;
            string ids = r.QueryString("ids");
            var rows = new List<Dictionary<string, object?>>();
            if (ids.Length == 0) return ApiResult.Bare(rows);
            foreach (string part in ids.Split(','))
            {
                if (!ClusterText.TryParseUint(part, 32, out ulong id, out string error)) return ApiResult.Err(error);
                SlotConfig? slot = Find(s, id);
                if (slot == null) return ApiResult.Err("slot not found");
                rows.Add(SlotRow(s, slot));
            }
            return ApiResult.Bare(rows);
        }

        private static SlotConfig? Find(EmulatorState s, ulong id) => id < (ulong)s.Slots.Count ? s.Slots[(int)id] : null;

        private static ApiResult SlotConfigRoute(ApiRequest r)
        {
            EmulatorState s = r.State;
            if (!ClusterText.TryParseUint(r.RouteValues["id"], 32, out ulong id, out string error)) return ApiResult.Err(error);
            // v2.2.5 answers an unknown slot with a nil error and crashes on it.
            SlotConfig slot = Find(s, id) ?? throw new EmulatedPanicException("GET /cluster/slots/<unknown>/config");
            return ApiResult.Bare(new
            {
                id = slot.Id,
                leader_id = slot.Leader,
                term = slot.Term,
                replicas = slot.Replicas,
                log_max_index = slot.Replicas.Contains(s.NodeId) ? slot.LogIndex : 0UL,
                leader_log_max_index = slot.LogIndex,
                applied_index = slot.Replicas.Contains(s.NodeId) ? slot.LogIndex : 0UL,
            });
        }

        /// <summary>Forwarded to the slot leader, which asks each online replica (offline ones are left out).</summary>
        private static ApiResult Replicas(ApiRequest r)
        {
            EmulatorState s = r.State;
            if (!ClusterText.TryParseUint(r.RouteValues["id"], 32, out ulong id, out string error)) return ApiResult.Err(error);
            SlotConfig? slot = Find(s, id);
            if (slot == null) return ApiResult.Err("slot not found");
            if (slot.Leader == 0) return ApiResult.Err("slot leader not found");
            var rows = new List<Dictionary<string, object?>>();
            foreach (ulong replica in slot.Replicas.Where(s.IsOnline))
            {
                Dictionary<string, object?> row = s.AsNode(replica, () => ReplicaRow(s, slot));
                row["role"] = replica == slot.Leader ? 3 : 1;
                row["role_format"] = replica == slot.Leader ? "leader" : "follower";
                long time = (long)(ulong)row["last_log_time"]!;
                row["last_log_time_format"] = time == 0 ? string.Empty : GoFormat.Duration(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch.AddTicks(time / 100));
                rows.Add(row);
            }
            return ApiResult.Bare(rows);
        }

        private static ApiResult LocalReplica(ApiRequest r)
        {
            EmulatorState s = r.State;
            if (!ClusterText.TryParseUint(r.RouteValues["id"], 32, out ulong id, out string error)) return ApiResult.Err(error);
            SlotConfig? slot = Find(s, id);
            if (slot == null) return ApiResult.Err("slot not found");
            return ApiResult.Bare(ReplicaRow(s, slot));
        }

        /// <summary>The answering node's replica of the slot: a node outside the replicas runs no raft group for it.</summary>
        private static Dictionary<string, object?> ReplicaRow(EmulatorState s, SlotConfig slot)
        {
            bool running = slot.Replicas.Contains(s.NodeId);
            RaftLogEntry? last = s.SlotLogs.TryGetValue(slot.Id, out List<RaftLogEntry>? log) && log.Count > 0 ? log[^1] : null;
            return new Dictionary<string, object?>
            {
                ["replica_id"] = s.NodeId,
                ["leader_id"] = running ? slot.Leader : 0UL,
                ["running"] = running ? 1 : 0,
                ["last_log_seq"] = last?.Index ?? 0UL,
                ["last_log_time"] = last == null ? 0UL : (ulong)GoFormat.UnixNanos(last.Time),
                ["term"] = running ? slot.Term : 0U,
                ["applied_index"] = last?.Index ?? 0UL,
                ["committed_index"] = last?.Index ?? 0UL,
                ["conf_version"] = running ? slot.ConfVersion : 0UL,
            };
        }

        /// <summary>
        /// Moves a slot replica from one node to another (applied at once). Refused without the slotMigrate write
        /// permission, then the v2.2.5 checks in their order.
        /// </summary>
        private static ApiResult Migrate(ApiRequest r)
        {
            if (ManagerLoginRoutes.Refuse(r, "slotMigrate") is ApiResult refused) return refused;
            if (!r.TryDecode(MigrateReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            EmulatorState s = r.State;
            SlotConfig? slot = Find(s, ClusterText.Lenient(r.RouteValues["id"]) & 0xFFFFFFFF);
            if (slot == null) return ApiResult.Err("slot not found");
            if (!s.Nodes.ContainsKey(slot.Leader)) return ApiResult.Err("leader not found");
            ulong from = req.U64("migrate_from"), to = req.U64("migrate_to");
            if (!slot.Replicas.Contains(from)) return ApiResult.Err("MigrateFrom not in replicas");
            if (slot.Replicas.Contains(to) && from != slot.Leader) return ApiResult.Err("transition between followers is not supported");
            if (from == 0 || to == 0) return ApiResult.Err("migrateFrom or migrateTo is 0");
            if (from == to) return ApiResult.Err("migrateFrom is equal to migrateTo");
            if (!s.Nodes.ContainsKey(to)) return ApiResult.Err("node not found");
            if (slot.Replicas.Contains(to))
            {
                // The leader hands leadership to a follower.
                slot.Leader = to;
            }
            else
            {
                slot.Replicas[slot.Replicas.IndexOf(from)] = to;
                if (slot.Leader == from) slot.Leader = to;
            }
            slot.Term++;
            slot.ConfVersion++;
            s.AppendSlotLog(slot, "SlotMigrate", "{\"from\":" + from + ",\"to\":" + to + "}");
            s.AppendConfigLog("SlotMigrate", "{\"slot\":" + slot.Id + ",\"from\":" + from + ",\"to\":" + to + "}");
            return ApiResult.Ok();
        }

        /// <summary>Forces an election: the next online replica after the current leader takes over (a one-replica slot keeps its leader).</summary>
        private static ApiResult Election(ApiRequest r)
        {
            if (ManagerLoginRoutes.Refuse(r, "slotElection") is ApiResult refused) return refused;
            EmulatorState s = r.State;
            // Unlike migrate (wkutil.ParseUint32, lenient), election parses the id strictly with strconv.ParseUint(id, 10, 32).
            if (!ClusterText.TryParseUint(r.RouteValues["id"], 32, out ulong id, out string error)) return ApiResult.Err(error);
            SlotConfig? slot = Find(s, id);
            if (slot == null) return ApiResult.Err("slot not found");
            int at = slot.Replicas.IndexOf(slot.Leader);
            for (int k = 1; k <= slot.Replicas.Count; k++)
            {
                ulong candidate = slot.Replicas[(at + k + slot.Replicas.Count) % slot.Replicas.Count];
                if (s.IsOnline(candidate))
                {
                    slot.Leader = candidate;
                    break;
                }
            }
            slot.Term++;
            s.AppendSlotLog(slot, "SlotElection", "{\"leader\":" + slot.Leader + "}");
            return ApiResult.Ok();
        }
    }
}
