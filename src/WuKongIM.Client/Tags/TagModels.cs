using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>One node's share of a receiver tag.</summary>
    public sealed class WKTagNode
    {
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("uid_count")] public int UidCount { get; set; }
        [JsonPropertyName("uids")] public WKList<string>? Uids { get; set; }
        [JsonPropertyName("slot_ids")] public WKList<uint>? SlotIds { get; set; }

        public override string ToString() => "node " + LeaderId.ToString(CultureInfo.InvariantCulture) + ": " + UidCount.ToString(CultureInfo.InvariantCulture) + " uids";
    }

    /// <summary>
    /// A receiver tag: the server's cache of who receives a channel's messages (<c>GET /tag</c>, <c>GET /tags</c>).
    /// Tags are cluster-internal; removing one only makes the server rebuild it on the next message.
    /// </summary>
    public sealed class WKTag
    {
        [JsonPropertyName("key")] public string TagKey { get; set; } = string.Empty;
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelTypeValue { get; set; }
        [JsonPropertyName("nodes")] public WKList<WKTagNode>? Nodes { get; set; }
        [JsonPropertyName("node_version")] public long NodeVersion { get; set; }
        [JsonPropertyName("get_count")] public long GetCount { get; set; }

        /// <summary><c>GET /tag</c> gives RFC 3339 times; <c>GET /tags</c> gives server-local "YYYY-MM-DD HH:MM" text (see the *Text properties).</summary>
        [JsonPropertyName("created_at")] public string CreatedAtText { get; set; } = string.Empty;
        [JsonPropertyName("last_get_time")] public string? LastGetTimeText { get; set; }
        [JsonPropertyName("last_get_at")] public string? LastGetAtText { get; set; }
        [JsonPropertyName("expire_at")] public string? ExpireAtText { get; set; }

        [JsonIgnore] public WKChannelType ChannelType => (WKChannelType)ChannelTypeValue;

        /// <summary>Every uid of every node.</summary>
        [JsonIgnore] public WKList<string> Uids => new WKList<string>((Nodes ?? new WKList<WKTagNode>()).SelectMany(n => n.Uids ?? new WKList<string>()));

        [JsonIgnore] public int UidCount => Uids.Count;

        /// <summary>Creation time in UTC when the server gave it with a zone (from <c>GET /tag</c>); null otherwise.</summary>
        [JsonIgnore] public DateTimeOffset? CreatedAt => ParseZoned(CreatedAtText);

        [JsonIgnore] public DateTimeOffset? LastGetAt => ParseZoned(LastGetTimeText);

        // Only RFC 3339 text carries a zone; "YYYY-MM-DD HH:MM" is in the server's unknown local time, so it is not guessed.
        private static DateTimeOffset? ParseZoned(string? text) =>
            text != null && text.Length > 16 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out DateTimeOffset t) ? t.ToUniversalTime() : (DateTimeOffset?)null;

        public override string ToString() => TagKey;
    }

    internal sealed class RemoveTagRequest
    {
        [JsonPropertyName("tag_key")] public string? TagKey { get; set; }
        [JsonPropertyName("channel_id")] public string? ChannelId { get; set; }
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("node_id")] public ulong NodeId { get; set; }
    }

    [JsonSerializable(typeof(WKTag))]
    [JsonSerializable(typeof(WKTag[]))]
    [JsonSerializable(typeof(RemoveTagRequest))]
    internal sealed partial class TagsJsonContext : JsonSerializerContext
    {
    }
}
