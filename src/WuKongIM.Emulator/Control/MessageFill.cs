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
            ulong first = 0, last = 0;
            lock (state.Sync)
            {
                for (int i = 1; i <= req.Count; i++)
                {
                    string n = i.ToString(CultureInfo.InvariantCulture);
                    ulong seq = state.PersistMessage(new MessageDraft
                    {
                        MessageId = state.NextId(),
                        StoredChannelId = req.ChannelId,
                        ChannelType = req.ChannelType,
                        FromUid = string.IsNullOrEmpty(req.FromUid) ? "u" + (i % 50).ToString(CultureInfo.InvariantCulture) : req.FromUid,
                        ClientMsgNo = Guid.NewGuid().ToString("N"),
                        Payload = Encoding.UTF8.GetBytes("{\"type\":1,\"content\":\"message number " + n + "\"}"),
                    })!.MessageSeq;
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
        }
    }
}
