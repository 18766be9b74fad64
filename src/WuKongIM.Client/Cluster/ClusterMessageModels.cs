using System;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// A search through <c>/cluster/messages</c> (§11.6). Give at least one filter; with <see cref="MessageId"/> every
    /// other filter is ignored by the server, so the client refuses the mix.
    /// </summary>
    public sealed class WKMessageSearch
    {
        /// <summary>Bytes the payload must contain (sent as standard base64).</summary>
        public byte[]? Payload { get; set; }
        /// <summary>Text the payload must contain (its UTF-8 bytes); an alternative to <see cref="Payload"/>.</summary>
        public string? Text { get; set; }
        /// <summary>The exact sender (system sends are stored as ____system).</summary>
        public string? FromUid { get; set; }
        public string? ClientMsgNo { get; set; }
        public long? MessageId { get; set; }
        /// <summary>The channel. For a person channel: the other party's uid (with <see cref="LoginUid"/>, or <see cref="FromUid"/>), or the stored a@b id.</summary>
        public string? ChannelId { get; set; }
        public WKChannelType? ChannelType { get; set; }
        /// <summary>One party of a person channel, to derive the stored id (§2.2); <see cref="FromUid"/> is used when absent.</summary>
        public string? LoginUid { get; set; }
        /// <summary>Rows per request; the server has no upper bound and pre-allocates, so it is kept to 1..1000.</summary>
        public int PageSize { get; set; } = 100;
        /// <summary>At most this many messages in total; null for all.</summary>
        public long? MaxCount { get; set; }
    }

    /// <summary>A row of <c>/cluster/messages</c> (not MessageResp: the id is a string, no header, raw sender).</summary>
    internal sealed class ClusterMessageRow
    {
        [JsonPropertyName("message_id")] public string MessageId { get; set; } = string.Empty;
        [JsonPropertyName("message_seq")] public ulong MessageSeq { get; set; }
        [JsonPropertyName("client_msg_no")] public string ClientMsgNo { get; set; } = string.Empty;
        [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("topic")] public string? Topic { get; set; }
        [JsonPropertyName("from_uid")] public string FromUid { get; set; } = string.Empty;
        [JsonPropertyName("payload")] public byte[]? Payload { get; set; }
        [JsonPropertyName("expire")] public uint Expire { get; set; }
        [JsonPropertyName("term")] public ulong Term { get; set; }
        [JsonPropertyName("is_stream")] public int IsStream { get; set; }
    }

    internal sealed class ClusterMessagePage
    {
        [JsonPropertyName("data")] public ClusterMessageRow[] Data { get; set; } = Array.Empty<ClusterMessageRow>();
    }
}
