using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>
    /// The node and cluster-config reads of wukongim-api.md §11.7: /cluster/nodes (live fan-out), /cluster/node,
    /// /cluster/simpleNodes (config only) and /cluster/info (the raw config in camelCase with omitted zero values).
    /// </summary>
    public sealed class ClusterNodeRoutes : IRouteModule
    {
        public const string AppVersion = "2.2.5";

        public void Map(Router router)
        {
            router.Get("/cluster/nodes", Nodes);
            router.Get("/cluster/node", r => ApiResult.Bare(NodeRow(r.State, r.State.NodeId, live: true)));
            router.Get("/cluster/simpleNodes", SimpleNodes);
            router.Get("/cluster/info", Info);
        }

        /// <summary>Every online node answers its own /cluster/node; offline nodes are built from the config.</summary>
        private static ApiResult Nodes(ApiRequest r)
        {
            EmulatorState s = r.State;
            var data = s.Nodes.Keys.OrderBy(id => id).Select(id => NodeRow(s, id, live: s.IsOnline(id))).ToList();
            return ApiResult.Bare(new { total = data.Count, data });
        }

        private static ApiResult SimpleNodes(ApiRequest r)
        {
            EmulatorState s = r.State;
            var data = s.Nodes.Keys.OrderBy(id => id).Select(id => NodeRow(s, id, live: false)).ToList();
            return ApiResult.Bare(new { total = data.Count, data });
        }

        /// <summary>
        /// A Node object; <paramref name="live"/> adds what only the node itself reports (uptime, versions, term).
        /// omitempty fields vanish when zero, as in v2.2.5's model.
        /// </summary>
        internal static Dictionary<string, object?> NodeRow(EmulatorState s, ulong id, bool live)
        {
            NodeRuntime n = s.Nodes[id];
            var row = new Dictionary<string, object?> { ["id"] = id };
            row.OmitEmpty("is_leader", id == s.ConfigLeader ? 1 : 0);
            row["role"] = 0;
            row["cluster_addr"] = ClusterAddr(id);
            row.OmitEmpty("api_server_addr", ApiServerAddr(s, id));
            row.OmitEmpty("online", n.Online ? 1 : 0);
            row.OmitEmpty("offline_count", n.OfflineCount);
            row.OmitEmpty("last_offline", n.LastOffline.HasValue ? GoFormat.Minutes(n.LastOffline.Value) : string.Empty);
            row["allow_vote"] = 1;
            row.OmitEmpty("slot_count", s.Slots.Count(x => x.Replicas.Contains(id)));
            if (live)
            {
                row.OmitEmpty("term", s.ConfigTerm);
            }
            row.OmitEmpty("slot_leader_count", s.Slots.Count(x => x.Leader == id));
            if (live)
            {
                row["uptime"] = GoFormat.Duration(DateTimeOffset.UtcNow - n.StartedAt);
                row["app_version"] = AppVersion;
                row["config_version"] = s.ConfigVersion;
            }
            row["status"] = 3;
            row["status_format"] = "已加入";
            return row;
        }

        /// <summary>cluster.apiUrl: set for every node of a multi-node emulator, absent on a single node (not configured).</summary>
        internal static string ApiServerAddr(EmulatorState s, ulong id) =>
            s.Cluster.NodeCount > 1 && s.Cluster.ApiAddresses.TryGetValue(id, out string? a) ? a : string.Empty;

        internal static string ClusterAddr(ulong id) => "127.0.0.1:" + (11110 + (int)(id - ClusterOptions.FirstNodeId));

        /// <summary>Forwarded to the config leader, which is always online here, so every node answers the same.</summary>
        private static ApiResult Info(ApiRequest r)
        {
            EmulatorState s = r.State;
            if (s.ConfigLeader == 0) return ApiResult.Err("leader not found");
            var body = new Dictionary<string, object?>();
            body.OmitEmpty("version", s.ConfigVersion);
            body.OmitEmpty("slotCount", (uint)s.Cluster.SlotCount);
            body.OmitEmpty("slotReplicaCount", (uint)s.Cluster.ReplicaCount);
            body.OmitEmpty("channelReplicaCount", (uint)s.Cluster.ReplicaCount);
            body.OmitEmpty("term", s.ConfigTerm);
            body["nodes"] = s.Nodes.Values.OrderBy(n => n.Id).Select(n =>
            {
                var node = new Dictionary<string, object?>();
                node.OmitEmpty("id", n.Id);
                node.OmitEmpty("clusterAddr", ClusterAddr(n.Id));
                node.OmitEmpty("apiServerAddr", ApiServerAddr(s, n.Id));
                node.OmitEmpty("online", n.Online);
                node.OmitEmpty("offlineCount", (uint)n.OfflineCount);
                node.OmitEmpty("lastOffline", n.LastOffline?.ToUnixTimeSeconds() ?? 0L);
                node.OmitEmpty("allowVote", true);
                node.OmitEmpty("status", 3);
                node.OmitEmpty("createdAt", n.CreatedAt.ToUnixTimeSeconds());
                return node;
            }).ToList();
            body["slots"] = s.Slots.Select(x =>
            {
                var slot = new Dictionary<string, object?>();
                slot.OmitEmpty("id", x.Id);
                slot.OmitEmpty("leader", x.Leader);
                slot.OmitEmpty("term", x.Term);
                slot.OmitEmpty("replicas", x.Replicas);
                slot.OmitEmpty("migrateFrom", x.MigrateFrom);
                slot.OmitEmpty("migrateTo", x.MigrateTo);
                return slot;
            }).ToList();
            return ApiResult.Bare(body);
        }
    }
}
