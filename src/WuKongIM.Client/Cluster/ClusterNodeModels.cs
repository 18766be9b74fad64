using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// A cluster node as <c>/cluster/nodes</c>, <c>/cluster/simpleNodes</c> and <c>/cluster/node</c> report it (§11.7).
    /// Zero values are omitted by the server, so absent fields read as 0, false or null.
    /// </summary>
    public sealed class WKNode
    {
        [JsonPropertyName("id")] public ulong NodeId { get; set; }
        /// <summary>The cluster-config raft leader.</summary>
        [JsonPropertyName("is_leader")] [JsonConverter(typeof(WKIntBoolConverter))] public bool IsLeader { get; set; }
        [JsonPropertyName("role")] public WKNodeRole Role { get; set; }
        [JsonPropertyName("cluster_addr")] public string ClusterAddr { get; set; } = string.Empty;
        /// <summary>The node's own HTTP API address (config cluster.apiUrl); empty when not configured.</summary>
        [JsonPropertyName("api_server_addr")] public string ApiServerAddr { get; set; } = string.Empty;
        [JsonPropertyName("online")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Online { get; set; }
        [JsonPropertyName("offline_count")] public int OfflineCount { get; set; }
        /// <summary>When the node last went offline, as the server prints it (server-local YYYY-MM-DD HH:MM, no zone).</summary>
        [JsonPropertyName("last_offline")] public string? LastOffline { get; set; }
        [JsonPropertyName("allow_vote")] [JsonConverter(typeof(WKIntBoolConverter))] public bool AllowVote { get; set; }
        /// <summary>Slots this node replicates.</summary>
        [JsonPropertyName("slot_count")] public int SlotCount { get; set; }
        [JsonPropertyName("slot_leader_count")] public int SlotLeaderCount { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        /// <summary>The node process's uptime; null for offline nodes and in /cluster/simpleNodes.</summary>
        [JsonPropertyName("uptime")] [JsonConverter(typeof(WKDurationTextConverter))] public TimeSpan? Uptime { get; set; }
        [JsonPropertyName("app_version")] public string? AppVersion { get; set; }
        [JsonPropertyName("config_version")] public ulong ConfigVersion { get; set; }
        [JsonPropertyName("status")] public WKNodeStatus Status { get; set; }

        public override string ToString() => NodeId.ToString(CultureInfo.InvariantCulture) + (Online ? " online" : " offline");
    }

    /// <summary><c>{"total","data":[Node]}</c> of /cluster/nodes and /cluster/simpleNodes.</summary>
    public sealed class WKNodeList
    {
        [JsonPropertyName("total")] public int Total { get; set; }
        [JsonPropertyName("data")] public WKNode[] Data { get; set; } = Array.Empty<WKNode>();
    }

    /// <summary>The raw cluster configuration of <c>/cluster/info</c> (camelCase, zero values omitted, booleans as booleans).</summary>
    public sealed class WKClusterInfo
    {
        [JsonPropertyName("version")] public ulong Version { get; set; }
        [JsonPropertyName("slotCount")] public uint SlotCount { get; set; }
        [JsonPropertyName("slotReplicaCount")] public uint SlotReplicaCount { get; set; }
        [JsonPropertyName("channelReplicaCount")] public uint ChannelReplicaCount { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("migrateFrom")] public ulong MigrateFrom { get; set; }
        [JsonPropertyName("migrateTo")] public ulong MigrateTo { get; set; }
        [JsonPropertyName("learners")] public WKList<ulong>? Learners { get; set; }
        [JsonPropertyName("nodes")] public WKList<WKClusterInfoNode> Nodes { get; set; } = new WKList<WKClusterInfoNode>();
        [JsonPropertyName("slots")] public WKList<WKClusterInfoSlot> Slots { get; set; } = new WKList<WKClusterInfoSlot>();

        /// <summary>How many nodes of the configuration are online.</summary>
        [JsonIgnore]
        public int OnlineNodeCount
        {
            get
            {
                int n = 0;
                foreach (WKClusterInfoNode node in Nodes)
                {
                    n += node.Online ? 1 : 0;
                }
                return n;
            }
        }

        public override string ToString() => "version " + Version.ToString(CultureInfo.InvariantCulture) + ", " + Nodes.Count.ToString(CultureInfo.InvariantCulture) + " nodes, " + SlotCount.ToString(CultureInfo.InvariantCulture) + " slots";
    }

    /// <summary>A node in <c>/cluster/info</c>.</summary>
    public sealed class WKClusterInfoNode
    {
        [JsonPropertyName("id")] public ulong NodeId { get; set; }
        [JsonPropertyName("clusterAddr")] public string? ClusterAddr { get; set; }
        [JsonPropertyName("apiServerAddr")] public string? ApiServerAddr { get; set; }
        [JsonPropertyName("join")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Join { get; set; }
        [JsonPropertyName("online")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Online { get; set; }
        [JsonPropertyName("offlineCount")] public uint OfflineCount { get; set; }
        [JsonPropertyName("lastOffline")] [JsonConverter(typeof(WKUnixSecondsConverter))] public DateTimeOffset? LastOffline { get; set; }
        [JsonPropertyName("allowVote")] [JsonConverter(typeof(WKIntBoolConverter))] public bool AllowVote { get; set; }
        [JsonPropertyName("role")] public WKNodeRole Role { get; set; }
        [JsonPropertyName("status")] public WKNodeStatus Status { get; set; }
        [JsonPropertyName("createdAt")] [JsonConverter(typeof(WKUnixSecondsConverter))] public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => NodeId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A slot in <c>/cluster/info</c> (slot 0 has no <c>id</c> key: it reads as 0).</summary>
    public sealed class WKClusterInfoSlot
    {
        [JsonPropertyName("id")] public uint SlotId { get; set; }
        [JsonPropertyName("leader")] public ulong LeaderId { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("replicas")] public WKList<ulong>? Replicas { get; set; }
        [JsonPropertyName("learners")] public WKList<ulong>? Learners { get; set; }
        [JsonPropertyName("migrateFrom")] public ulong MigrateFrom { get; set; }
        [JsonPropertyName("migrateTo")] public ulong MigrateTo { get; set; }
        [JsonPropertyName("expectLeader")] public ulong ExpectLeader { get; set; }
        [JsonPropertyName("status")] public WKSlotStatus Status { get; set; }

        public override string ToString() => SlotId.ToString(CultureInfo.InvariantCulture);
    }
}
