using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>A slot as <c>/cluster/allslot</c> and <c>/cluster/slots</c> report it. Config and replicas are filled by the client when asked for.</summary>
    public sealed class WKSlot
    {
        [JsonPropertyName("id")] public uint SlotId { get; set; }
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("replicas")] public WKList<ulong> Replicas { get; set; } = new WKList<ulong>();
        /// <summary>Always 0 in v2.2.5.</summary>
        [JsonPropertyName("channel_count")] public int ChannelCount { get; set; }
        /// <summary>The leader's last log index; 0 when the leader is offline.</summary>
        [JsonPropertyName("log_index")] public ulong LogIndex { get; set; }
        [JsonPropertyName("status")] public WKSlotStatus Status { get; set; }

        /// <summary>The slot's raft indexes (<c>/cluster/slots/:id/config</c>), when requested.</summary>
        [JsonIgnore] public WKSlotConfig? Config { get; set; }

        /// <summary>The slot's replicas (<c>/cluster/slots/:id/replicas</c>), when requested.</summary>
        [JsonIgnore] public WKList<WKSlotReplica>? ReplicaDetails { get; set; }

        public override string ToString() => "slot " + SlotId.ToString(CultureInfo.InvariantCulture) + " leader " + LeaderId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>{"total","data":[Slot]}</c> of /cluster/allslot.</summary>
    public sealed class WKSlotList
    {
        [JsonPropertyName("total")] public int Total { get; set; }
        [JsonPropertyName("data")] public WKSlot[] Data { get; set; } = Array.Empty<WKSlot>();
    }

    /// <summary>A slot's raft indexes (<c>/cluster/slots/:id/config</c>).</summary>
    public sealed class WKSlotConfig
    {
        [JsonPropertyName("id")] public uint SlotId { get; set; }
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("replicas")] public WKList<ulong>? Replicas { get; set; }
        [JsonPropertyName("log_max_index")] public ulong LogMaxIndex { get; set; }
        [JsonPropertyName("leader_log_max_index")] public ulong LeaderLogMaxIndex { get; set; }
        [JsonPropertyName("applied_index")] public ulong AppliedIndex { get; set; }

        public override string ToString() => "slot " + SlotId.ToString(CultureInfo.InvariantCulture) + " applied " + AppliedIndex.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One replica of a slot (<c>/cluster/slots/:id/replicas</c> and <c>localReplica</c>).</summary>
    public sealed class WKSlotReplica
    {
        /// <summary>The slot; set by the client (the server does not repeat it).</summary>
        [JsonIgnore] public uint SlotId { get; set; }
        [JsonPropertyName("replica_id")] public ulong ReplicaId { get; set; }
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("running")] [JsonConverter(typeof(WKIntBoolConverter))] public bool Running { get; set; }
        [JsonPropertyName("last_log_seq")] public ulong LastLogSeq { get; set; }
        [JsonPropertyName("last_log_time")] [JsonConverter(typeof(WKUnixNanosConverter))] public DateTimeOffset? LastLogTime { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        [JsonPropertyName("applied_index")] public ulong AppliedIndex { get; set; }
        [JsonPropertyName("committed_index")] public ulong CommittedIndex { get; set; }
        [JsonPropertyName("conf_version")] public ulong ConfVersion { get; set; }
        /// <summary>Unknown (0) in localReplica, which does not say.</summary>
        [JsonPropertyName("role")] public WKReplicaRole Role { get; set; }
        /// <summary>How long ago the last log was written, as the server computed it.</summary>
        [JsonPropertyName("last_log_time_format")] [JsonConverter(typeof(WKDurationTextConverter))] public TimeSpan? LastLogAge { get; set; }

        public override string ToString() => "slot " + SlotId.ToString(CultureInfo.InvariantCulture) + " replica " + ReplicaId.ToString(CultureInfo.InvariantCulture);
    }
}
