using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>A channel's raft configuration as its slot leader stores it (<c>/cluster/channels/:id/:type/config</c>).</summary>
    public sealed class WKChannelClusterConfig
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("replica_max_count")] public int ReplicaMaxCount { get; set; }
        [JsonPropertyName("replicas")] public WKList<ulong> Replicas { get; set; } = new WKList<ulong>();
        [JsonPropertyName("learners")] public WKList<ulong> Learners { get; set; } = new WKList<ulong>();
        /// <summary>The channel leader (the server spells the key <c>learder_id</c>).</summary>
        [JsonPropertyName("learder_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("migrate_from")] public ulong MigrateFrom { get; set; }
        [JsonPropertyName("migrate_to")] public ulong MigrateTo { get; set; }
        [JsonPropertyName("status")] public WKChannelClusterStatus Status { get; set; }
        [JsonPropertyName("conf_version")] public ulong ConfVersion { get; set; }
        [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>True while a replica migration is under way.</summary>
        [JsonIgnore] public bool Migrating => MigrateFrom != 0 || MigrateTo != 0;

        public override string ToString() => ChannelId + " (" + ChannelType + ") leader " + LeaderId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One replica of a channel (<c>/cluster/channels/:id/:type/replicas</c> and <c>localReplica</c>).</summary>
    public sealed class WKChannelReplica
    {
        /// <summary>Set by the client (the server does not repeat the channel).</summary>
        [JsonIgnore] public string ChannelId { get; set; } = string.Empty;
        [JsonIgnore] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("replica_id")] public ulong ReplicaId { get; set; }
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("running")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Running { get; set; }
        [JsonPropertyName("last_msg_seq")] public ulong LastMsgSeq { get; set; }
        [JsonPropertyName("last_msg_time")] [JsonConverter(typeof(WKUnixNanosConverter))] public DateTimeOffset? LastMsgTime { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("conf_version")] public ulong ConfVersion { get; set; }
        /// <summary>Unknown (0) in localReplica, which does not say.</summary>
        [JsonPropertyName("role")] public WKReplicaRole Role { get; set; }
        /// <summary>How long ago the last message was appended, as the server computed it.</summary>
        [JsonPropertyName("last_msg_time_format")] [JsonConverter(typeof(WKDurationTextConverter))] public TimeSpan? LastMsgAge { get; set; }

        public override string ToString() => ChannelId + " replica " + ReplicaId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A channel raft group led from a node's slots (<c>/cluster/nodes/:id/channels</c>).</summary>
    public sealed class WKNodeChannel
    {
        /// <summary>The node whose listing this row came from; set by the client.</summary>
        [JsonIgnore] public ulong NodeId { get; set; }
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("replica_count")] public int ReplicaCount { get; set; }
        [JsonPropertyName("replicas")] public WKList<ulong>? Replicas { get; set; }
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("slot_id")] public uint SlotId { get; set; }
        [JsonPropertyName("slot_leader_id")] public ulong SlotLeaderId { get; set; }
        [JsonPropertyName("last_message_seq")] public ulong LastMessageSeq { get; set; }
        /// <summary>How long ago the last message was appended (the server sends a duration text such as <c>12s</c>).</summary>
        [JsonPropertyName("last_append_time")] [JsonConverter(typeof(WKDurationTextConverter))] public TimeSpan? LastAppendTime { get; set; }
        [JsonPropertyName("active")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Active { get; set; }
        /// <summary>The server's 运行中/挂起/未运行, as an English state.</summary>
        [JsonPropertyName("active_format")] [JsonConverter(typeof(WKChannelRunStateConverter))] public WKChannelRunState RunState { get; set; }
        [JsonPropertyName("status")] public WKChannelClusterStatus Status { get; set; }
        [JsonPropertyName("migrate_from")] public ulong MigrateFrom { get; set; }
        [JsonPropertyName("migrate_to")] public ulong MigrateTo { get; set; }
        [JsonPropertyName("created_at")] [JsonConverter(typeof(WKUnixNanosConverter))] public DateTimeOffset? CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] [JsonConverter(typeof(WKUnixNanosConverter))] public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => ChannelId + " (" + ChannelType + ") on " + NodeId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One page of <c>/cluster/nodes/:id/channels</c>.</summary>
    internal sealed class WKNodeChannelPage
    {
        [JsonPropertyName("more")] public int More { get; set; }
        [JsonPropertyName("running")] public int Running { get; set; }
        [JsonPropertyName("data")] public WKNodeChannel[] Data { get; set; } = Array.Empty<WKNodeChannel>();
    }

    /// <summary>The same page read for its cursors only: <c>created_at</c> in exact nanoseconds.</summary>
    internal sealed class NodeChannelCursorPage
    {
        [JsonPropertyName("data")] public NodeChannelRow[] Data { get; set; } = Array.Empty<NodeChannelRow>();
    }

    /// <summary>Only the cursor of a node-channel row (the typed row reads the same JSON).</summary>
    internal sealed class NodeChannelRow
    {
        [JsonPropertyName("created_at")] public long CreatedAt { get; set; }
    }

    /// <summary>Whether a channel's raft group is loaded on the node asked (<c>POST /cluster/channel/status</c>).</summary>
    public sealed class WKChannelRunStatus
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("running")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Running { get; set; }
        [JsonPropertyName("last_msg_seq")] public ulong LastMsgSeq { get; set; }
        [JsonPropertyName("last_msg_time")] [JsonConverter(typeof(WKUnixNanosConverter))] public DateTimeOffset? LastMsgTime { get; set; }

        public override string ToString() => ChannelId + " (" + ChannelType + ")" + (Running ? " running" : " not running");
    }

    internal sealed class ChannelStatusBody
    {
        [JsonPropertyName("channels")] public ChannelStatusKey[] Channels { get; set; } = Array.Empty<ChannelStatusKey>();
    }

    internal sealed class ChannelStatusKey
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
    }

    internal sealed class MigrateBody
    {
        [JsonPropertyName("migrate_from")] public ulong MigrateFrom { get; set; }
        [JsonPropertyName("migrate_to")] public ulong MigrateTo { get; set; }
    }

    /// <summary>Reads <c>active_format</c> (运行中, 挂起, 未运行) as <see cref="WKChannelRunState"/>.</summary>
    public sealed class WKChannelRunStateConverter : JsonConverter<WKChannelRunState>
    {
        public override WKChannelRunState Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.Number)
            {
                return (WKChannelRunState)reader.GetInt32();
            }
            string? text = reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
            return text switch
            {
                "\u8fd0\u884c\u4e2d" => WKChannelRunState.Running,
                "\u6302\u8d77" => WKChannelRunState.Suspended,
                _ => WKChannelRunState.NotRunning,
            };
        }

        public override void Write(System.Text.Json.Utf8JsonWriter writer, WKChannelRunState value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteNumberValue((int)value);
    }
}
