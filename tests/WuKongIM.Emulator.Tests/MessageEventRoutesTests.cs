using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>/message/event and /message/eventsync against wukongim-api.md §3.9.</summary>
    public sealed class MessageEventRoutesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _e;

        public MessageEventRoutesTests(EmulatorFixture emulator) => _e = emulator;

        private async Task<JsonElement> EventAsync(string json, int expectedStatus = 200)
        {
            var (status, body, _) = await _e.PostRawAsync("/message/event", json);
            Assert.Equal(expectedStatus, status);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        private static string Ev(string channel, string no, string id, string type, string extra = "") =>
            "{\"channel_id\":\"" + channel + "\",\"channel_type\":2,\"client_msg_no\":\"" + no + "\",\"event_id\":\"" + id + "\",\"event_type\":\"" + type + "\"" + extra + "}";

        [Theory]
        [InlineData("{}", "channel_id不能为空！")]
        [InlineData("{\"channel_id\":\"g\"}", "client_msg_no不能为空！")]
        [InlineData("{\"channel_id\":\"g\",\"client_msg_no\":\"n\"}", "event_id不能为空！")]
        [InlineData("{\"channel_id\":\"g\",\"client_msg_no\":\"n\",\"event_id\":\"e\",\"event_type\":\"  \"}", "event_type不能为空！")]
        [InlineData("", "EOF")]
        public async Task Event_validation_texts(string body, string msg)
        {
            JsonElement r = await EventAsync(body, 400);
            Assert.Equal(msg, r.GetProperty("msg").GetString());
        }

        [Fact]
        public async Task Deltas_stay_in_memory_and_close_persists_the_accumulated_text()
        {
            string g = EmulatorFixture.NewId("g");
            var (_, sent, _) = await _e.PostRawAsync("/message/send", "{\"channel_id\":\"" + g + "\",\"channel_type\":2,\"from_uid\":\"bot\",\"is_stream\":1,\"client_msg_no\":\"s1\",\"payload\":\"aA==\"}");
            long messageId = JsonDocument.Parse(sent).RootElement.GetProperty("data").GetProperty("message_id").GetInt64();

            JsonElement delta = (await EventAsync(Ev(g, "s1", "d1", "Stream.Delta", ",\"payload\":{\"kind\":\"text\",\"delta\":\"Hi \"}"))).GetProperty("data");
            Assert.Equal(0UL, delta.GetProperty("msg_event_seq").GetUInt64());
            Assert.Equal("open", delta.GetProperty("stream_status").GetString());
            Assert.Equal("main", delta.GetProperty("event_key").GetString());
            Assert.Equal("bot", delta.GetProperty("from_uid").GetString());
            await EventAsync(Ev(g, "s1", "d2", "stream.delta", ",\"payload\":{\"kind\":\"text\",\"delta\":\"there\"}"));

            // While open, the message already shows the in-memory text.
            var (_, open, _) = await _e.PostRawAsync("/channel/messagesync", "{\"login_uid\":\"u\",\"channel_id\":\"" + g + "\",\"channel_type\":2,\"limit\":1}");
            JsonElement openMsg = JsonDocument.Parse(open).RootElement.GetProperty("messages")[0];
            Assert.Equal(1, openMsg.GetProperty("event_meta").GetProperty("open_event_count").GetInt32());
            Assert.Equal("Hi there", Encoding.UTF8.GetString(openMsg.GetProperty("stream_data").GetBytesFromBase64()));
            Assert.False(openMsg.TryGetProperty("end", out _));

            JsonElement close = await EventAsync(Ev(g, "s1", "c1", "stream.close", ",\"payload\":{\"end_reason\":2}"));
            Assert.Equal(new[] { "status", "data" }, close.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1UL, close.GetProperty("data").GetProperty("msg_event_seq").GetUInt64());
            Assert.Equal("closed", close.GetProperty("data").GetProperty("stream_status").GetString());

            // The same event id again: the existing state, no new seq.
            Assert.Equal(1UL, (await EventAsync(Ev(g, "s1", "c1", "stream.close"))).GetProperty("data").GetProperty("msg_event_seq").GetUInt64());

            var (_, synced, _) = await _e.PostRawAsync("/message/eventsync", "{\"channel_id\":\"" + g + "\",\"channel_type\":2,\"client_msg_no\":\"s1\"}");
            JsonElement data = JsonDocument.Parse(synced).RootElement.GetProperty("data");
            Assert.Equal(new[] { "client_msg_no", "events", "filtered_by_event_key", "from_msg_event_seq", "more", "next_msg_event_seq" }, data.EnumerateObject().Select(p => p.Name));
            JsonElement lane = Assert.Single(data.GetProperty("events").EnumerateArray());
            Assert.Equal("{\"kind\":\"text\",\"text\":\"Hi there\"}", lane.GetProperty("payload").GetRawText());
            Assert.Equal("stream.close", lane.GetProperty("event_type").GetString());
            Assert.Equal(1UL, data.GetProperty("next_msg_event_seq").GetUInt64());

            var (_, closed, _) = await _e.PostRawAsync("/channel/messagesync", "{\"login_uid\":\"u\",\"channel_id\":\"" + g + "\",\"channel_type\":2,\"limit\":1}");
            JsonElement msg = JsonDocument.Parse(closed).RootElement.GetProperty("messages")[0];
            Assert.Equal(1, msg.GetProperty("end").GetInt32());
            Assert.Equal(2, msg.GetProperty("end_reason").GetInt32());
            Assert.Equal(messageId, msg.GetProperty("message_id").GetInt64());
            Assert.Equal("s1", msg.GetProperty("event_sync_hint").GetProperty("client_msg_no").GetString());
            Assert.False(msg.GetProperty("event_meta").TryGetProperty("open_event_count", out _));

            // /channel/last_message never carries event fields.
            var (_, last, _) = await _e.GetRawAsync("/channel/last_message?channel_id=" + g + "&channel_type=2");
            Assert.False(JsonDocument.Parse(last).RootElement.TryGetProperty("event_meta", out _));
        }

        [Fact]
        public async Task A_delta_to_a_closed_lane_is_refused_while_another_lane_is_open()
        {
            string g = EmulatorFixture.NewId("g");
            await EventAsync(Ev(g, "s2", "a1", "stream.delta", ",\"event_key\":\"a\",\"payload\":{\"kind\":\"text\",\"delta\":\"x\"}"));
            await EventAsync(Ev(g, "s2", "b1", "stream.delta", ",\"event_key\":\"b\",\"payload\":{\"kind\":\"text\",\"delta\":\"y\"}"));
            await EventAsync(Ev(g, "s2", "a2", "stream.close", ",\"event_key\":\"a\""));
            JsonElement refused = await EventAsync(Ev(g, "s2", "a3", "stream.delta", ",\"event_key\":\"a\",\"payload\":{\"kind\":\"text\",\"delta\":\"z\"}"), 400);
            Assert.Equal("stream closed", refused.GetProperty("msg").GetString());

            // Once every lane is terminal the session is gone: a later delta silently opens a fresh in-memory lane.
            await EventAsync(Ev(g, "s2", "b2", "stream.cancel", ",\"event_key\":\"b\""));
            JsonElement reopened = (await EventAsync(Ev(g, "s2", "a4", "stream.delta", ",\"event_key\":\"a\",\"payload\":{\"kind\":\"text\",\"delta\":\"z\"}"))).GetProperty("data");
            Assert.Equal("open", reopened.GetProperty("stream_status").GetString());
            Assert.Equal("____system", reopened.GetProperty("from_uid").GetString());

            // A persisted event to a terminal lane returns its projection unchanged.
            JsonElement again = (await EventAsync(Ev(g, "s2", "b3", "stream.error", ",\"event_key\":\"b\""))).GetProperty("data");
            Assert.Equal("cancelled", again.GetProperty("stream_status").GetString());
            Assert.Equal(2UL, again.GetProperty("msg_event_seq").GetUInt64());
        }

        [Fact]
        public async Task Eventsync_filters_private_lanes_and_pages_with_more()
        {
            string g = EmulatorFixture.NewId("g");
            await EventAsync(Ev(g, "s3", "p1", "stream.snapshot", ",\"event_key\":\"pub\",\"visibility\":\"public\",\"payload\":{\"n\":1}"));
            await EventAsync(Ev(g, "s3", "p2", "stream.snapshot", ",\"event_key\":\"priv\",\"visibility\":\"private\",\"payload\":{\"n\":2}"));
            await EventAsync(Ev(g, "s3", "p3", "custom.thing", ",\"event_key\":\"other\",\"occurred_at\":1700000000123"));

            string Req(string extra) => "{\"channel_id\":\"" + g + "\",\"channel_type\":2,\"client_msg_no\":\"s3\"" + extra + "}";
            JsonElement pub = JsonDocument.Parse((await _e.PostRawAsync("/message/eventsync", Req(""))).Body).RootElement.GetProperty("data");
            Assert.Equal(new[] { "pub", "other" }, pub.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_key").GetString()));
            JsonElement other = pub.GetProperty("events")[1];
            Assert.Equal(1700000000123, other.GetProperty("occurred_at").GetInt64());
            Assert.Equal("{\"end_reason\":0,\"status\":\"\"}", other.GetProperty("payload").GetRawText());

            JsonElement first = JsonDocument.Parse((await _e.PostRawAsync("/message/eventsync", Req(",\"include_private\":1,\"limit\":2"))).Body).RootElement.GetProperty("data");
            Assert.Equal(1, first.GetProperty("more").GetInt32());
            Assert.Equal(2UL, first.GetProperty("next_msg_event_seq").GetUInt64());
            JsonElement rest = JsonDocument.Parse((await _e.PostRawAsync("/message/eventsync", Req(",\"include_private\":1,\"limit\":2,\"from_msg_event_seq\":2"))).Body).RootElement.GetProperty("data");
            Assert.Equal(0, rest.GetProperty("more").GetInt32());
            Assert.Equal("other", Assert.Single(rest.GetProperty("events").EnumerateArray()).GetProperty("event_key").GetString());

            Assert.Equal("limit不能为负数！", JsonDocument.Parse((await _e.PostRawAsync("/message/eventsync", Req(",\"limit\":-1"))).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("client_msg_no不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message/eventsync", "{\"channel_id\":\"g\"}")).Body).RootElement.GetProperty("msg").GetString());
        }
    }
}
