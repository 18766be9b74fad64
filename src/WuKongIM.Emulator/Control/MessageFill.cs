using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Control
{
    /// <summary>
    /// POST /_emulator/messages/fill: appends N text messages to one channel through the store code a send uses, without
    /// N HTTP requests. Test and benchmark setup only (a million-message history in seconds); not part of WuKongIM.
    /// Body: {"channel_id":"g1","channel_type":2,"count":1000000,"from_uid":"u1"}; answers {"first_seq":..,"last_seq":..}.
    /// With "channel_count": K (K &gt; 1) the messages go round-robin to channels g1-1 … g1-K (spread over the slots and so
    /// over the nodes of a cluster), for cross-channel searches; first_seq/last_seq are then those of the first channel.
    /// </summary>
    public static class MessageFill
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        public static ApiResult Handle(EmulatorState state, byte[] body)
        {
            FillRequest req = JsonSerializer.Deserialize<FillRequest>(body, Json) ?? throw new ArgumentException("a JSON body is required");
            if (string.IsNullOrWhiteSpace(req.ChannelId)) throw new ArgumentException("channel_id is required");
            if (req.ChannelType == 1) throw new ArgumentException("person channels are stored under derived ids: fill a group channel");
            if (req.Count < 1 || req.Count > 10_000_000) throw new ArgumentException("count must be between 1 and 10000000");
            if (req.ChannelCount < 1 || req.ChannelCount > 100_000) throw new ArgumentException("channel_count must be between 1 and 100000");
            ulong first = 0, last = 0;
            lock (state.Sync)
            {
                for (int i = 1; i <= req.Count; i++)
                {
                    string n = i.ToString(CultureInfo.InvariantCulture);
                    int channel = (i - 1) % req.ChannelCount + 1;
                    string channelId = req.ChannelCount == 1 ? req.ChannelId : req.ChannelId + "-" + channel.ToString(CultureInfo.InvariantCulture);
                    ulong seq = state.PersistMessage(new MessageDraft
                    {
                        MessageId = state.NextId(),
                        StoredChannelId = channelId,
                        ChannelType = req.ChannelType,
                        FromUid = string.IsNullOrEmpty(req.FromUid) ? "u" + (i % 50).ToString(CultureInfo.InvariantCulture) : req.FromUid,
                        ClientMsgNo = Guid.NewGuid().ToString("N"),
                        Payload = Encoding.UTF8.GetBytes("{\"type\":1,\"content\":\"message number " + n + "\"}"),
                    })!.MessageSeq;
                    if (channel != 1) continue;
                    if (i == 1) first = seq;
                    last = seq;
                }
            }
            return ApiResult.Bare(new { first_seq = first, last_seq = last });
        }

        private sealed class FillRequest
        {
            public string ChannelId { get; set; } = string.Empty;
            public byte ChannelType { get; set; } = 2;
            public int Count { get; set; }
            public string? FromUid { get; set; }
            public int ChannelCount { get; set; } = 1;
        }
    }
}
