// TEMPORARY: minimal stand-ins for what the Messages area provides, so the Channels area builds on its own.
// The lead deletes this file when merging the messages branch.
using System;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    public sealed class WKMessage
    {
        [JsonPropertyName("message_id")] public long MessageId { get; set; }
        [JsonPropertyName("message_seq")] public ulong MessageSeq { get; set; }
        [JsonPropertyName("from_uid")] public string FromUid { get; set; } = string.Empty;
        [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
    }

    [JsonSerializable(typeof(WKMessage))]
    internal sealed partial class TempChannelsNeedsJsonContext : JsonSerializerContext
    {
    }

    public sealed partial class MessagesApi
    {
        public Task<WKMessage> GetLastMessageAsync(string channelId, WKChannelType channelType, string? loginUid, CancellationToken cancellationToken)
        {
            var request = new WKRequest("GET", "/channel/last_message").AddQuery("channel_id", channelId).AddQuery("channel_type", (long)channelType).AddQuery("login_uid", loginUid);
            return _client.GetAsync(request, TempChannelsNeedsJsonContext.Default.WKMessage, cancellationToken);
        }

        public async Task<ulong> GetMaxMessageSeqAsync(string channelId, WKChannelType channelType, string? loginUid, CancellationToken cancellationToken)
        {
            var request = new WKRequest("GET", "/channel/max_message_seq").AddQuery("channel_id", channelId).AddQuery("channel_type", (long)channelType).AddQuery("login_uid", loginUid);
            byte[] body = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("message_seq").GetUInt64();
        }
    }
}
