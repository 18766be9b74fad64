using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>A channel the user has a conversation with, from <c>POST /conversation/channels</c> (person channels by stored a@b id).</summary>
    public sealed class WKConversationChannel
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelTypeValue { get; set; }

        [JsonIgnore] public WKChannelType ChannelType => (WKChannelType)ChannelTypeValue;

        /// <summary>The user whose conversation this is (set by the client; the server does not echo it).</summary>
        [JsonIgnore] public string Uid { get; set; } = string.Empty;

        public override string ToString() => ChannelId;
    }

    internal sealed class ConversationTargetRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("message_seq"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public uint? MessageSeq { get; set; }
        [JsonPropertyName("unread"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Unread { get; set; }
    }

    internal sealed class UidRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
    }
}
