using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Core;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>GET /cluster/messages (§11.6) on a 3-node emulator: filters, strategies, node_id and errors.</summary>
    public sealed class ClusterMessageRoutesTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ClusterMessageRoutesTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        internal static string B64(string text) => Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));

        private async Task<JsonElement[]> SearchAsync(ulong node, string query)
        {
            var (status, body, _) = await _c.GetRawAsync(node, "/cluster/messages?" + query);
            Assert.Equal(200, status);
            JsonElement page = Json(body);
            Assert.Equal(0, page.GetProperty("total").GetInt32());
            Assert.False(page.TryGetProperty("more", out _));
            return page.GetProperty("data").EnumerateArray().ToArray();
        }

        private async Task<string> SendAsync(string channel, string from, string text, string? clientMsgNo = null)
        {
            string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            var (status, body, _) = await _c.PostRawAsync(1001, "/message/send", JsonSerializer.Serialize(new { channel_id = channel, channel_type = 2, from_uid = from, payload, client_msg_no = clientMsgNo ?? "" }));
            Assert.Equal(200, status);
            return Json(body).GetProperty("data").GetProperty("message_id").GetRawText();
        }

        [Fact]
        public async Task Payload_substring_finds_messages_across_channels_from_any_node_newest_first()
        {
            string needle = EmulatorFixture.NewId("needle+/");
            string a = EmulatorFixture.NewId("ma"), b = EmulatorFixture.NewId("mb");
            await SendAsync(a, "u1", "{\"content\":\"x " + needle + " y\"}");
            await SendAsync(b, "u2", "no match here");
            await SendAsync(b, "u2", needle);
            JsonElement[] fromOne = await SearchAsync(1001, "payload=" + B64(needle));
            Assert.Equal(new[] { b, a }, fromOne.Select(m => m.GetProperty("channel_id").GetString()));
            Assert.Equal(JsonValueKind.String, fromOne[0].GetProperty("message_id").ValueKind);
            Assert.True(long.Parse(fromOne[0].GetProperty("message_id").GetString()!) > long.Parse(fromOne[1].GetProperty("message_id").GetString()!));
            Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(needle)), fromOne[0].GetProperty("payload").GetString());
            Assert.Equal("u2", fromOne[0].GetProperty("from_uid").GetString());
            foreach (string key in new[] { "message_seq", "client_msg_no", "timestamp", "timestamp_format", "channel_type", "topic", "expire", "term", "is_stream" })
            {
                Assert.True(fromOne[0].TryGetProperty(key, out _), key);
            }
            JsonElement[] fromThree = await SearchAsync(1003, "payload=" + B64(needle));
            Assert.Equal(fromOne.Select(m => m.GetRawText()), fromThree.Select(m => m.GetRawText()));
        }

        [Theory]
        [InlineData("payload=YWJ", "illegal base64 data at input byte 0")]
        [InlineData("payload=YW*j", "illegal base64 data at input byte 2")]
        [InlineData("payload=YW+j", "illegal base64 data at input byte 2")]
        public async Task A_bad_base64_payload_is_refused_with_gos_text(string query, string msg)
        {
            var (status, body, _) = await _c.GetRawAsync(1002, "/cluster/messages?" + query);
            Assert.Equal(400, status);
            Assert.Equal(msg, Json(body).GetProperty("msg").GetString());
        }

        [Fact]
        public async Task Message_id_from_uid_and_client_msg_no_select_messages()
        {
            string channel = EmulatorFixture.NewId("mid");
            string sender = EmulatorFixture.NewId("snd");
            string id = await SendAsync(channel, sender, "one", "cmn-" + channel);
            await SendAsync(channel, sender, "two");
            JsonElement[] byId = await SearchAsync(1002, "message_id=" + id + "&from_uid=nobody");
            Assert.Single(byId);
            Assert.Equal(id, byId[0].GetProperty("message_id").GetString());
            Assert.Empty(await SearchAsync(1002, "message_id=12345"));
            Assert.Equal(2, (await SearchAsync(1003, "from_uid=" + sender)).Length);
            JsonElement[] byNo = await SearchAsync(1001, "client_msg_no=cmn-" + channel);
            Assert.Equal(id, Assert.Single(byNo).GetProperty("message_id").GetString());
        }

        [Fact]
        public async Task The_channel_scan_pages_by_seq_and_a_global_cursor_there_returns_nothing()
        {
            string channel = EmulatorFixture.NewId("seq");
            var ids = new List<string>();
            for (int i = 0; i < 5; i++) ids.Add(await SendAsync(channel, "u", "m" + i));
            JsonElement[] newest = await SearchAsync(1001, "channel_id=" + channel + "&channel_type=2&limit=2");
            Assert.Equal(new uint[] { 5, 4 }, newest.Select(m => m.GetProperty("message_seq").GetUInt32()));
            JsonElement[] older = await SearchAsync(1001, "channel_id=" + channel + "&channel_type=2&limit=2&offset_message_seq=4");
            Assert.Equal(new uint[] { 3, 2 }, older.Select(m => m.GetProperty("message_seq").GetUInt32()));
            JsonElement[] oldest = await SearchAsync(1001, "channel_id=" + channel + "&channel_type=2&limit=2&pre=1");
            Assert.Equal(new uint[] { 2, 1 }, oldest.Select(m => m.GetProperty("message_seq").GetUInt32()));
            Assert.Empty(await SearchAsync(1001, "channel_id=" + channel + "&channel_type=2&offset_message_id=" + ids[2]));
        }

        [Fact]
        public async Task Node_id_selects_a_nodes_share_forwards_and_an_unknown_node_crashes()
        {
            string channel = EmulatorFixture.NewId("nid");
            string id = await SendAsync(channel, "u", "x");
            uint slot = Hashes.Crc32(channel) % 64;
            ulong leader = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=" + slot)).Body)[0].GetProperty("leader_id").GetUInt64();
            ulong other = leader == 1003 ? 1002UL : 1003UL;
            Assert.Single(await SearchAsync(other, "message_id=" + id + "&node_id=" + leader));
            Assert.Empty(await SearchAsync(leader, "message_id=" + id + "&node_id=" + other));
            var (status, body, _) = await _c.GetRawAsync(1001, "/cluster/messages?node_id=99");
            Assert.Equal(500, status);
            Assert.Equal("", body);
        }
    }

    /// <summary>A 10,000-message search paged through both cursor kinds with no gap and no duplicate.</summary>
    public sealed class ClusterMessagePagingTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ClusterMessagePagingTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private async Task<JsonElement[]> PageAsync(ulong node, string query)
        {
            var (status, body, _) = await _c.GetRawAsync(node, "/cluster/messages?" + query);
            Assert.Equal(200, status);
            return JsonDocument.Parse(body).RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()).ToArray();
        }

        [Fact]
        public async Task Ten_thousand_messages_page_globally_and_per_channel_without_gaps_or_duplicates()
        {
            await _c.FillAsync("big", 10_000, 20);
            string needle = ClusterMessageRoutesTests.B64("message number");

            // Global: offset_message_id = the smallest id of the page; nodes take turns answering.
            var global = new List<long>();
            long cursor = 0;
            for (int page = 0; ; page++)
            {
                JsonElement[] rows = await PageAsync(1001UL + (ulong)(page % 3), "payload=" + needle + "&limit=700" + (cursor == 0 ? "" : "&offset_message_id=" + cursor));
                global.AddRange(rows.Select(r => long.Parse(r.GetProperty("message_id").GetString()!)));
                if (rows.Length < 700) break;
                cursor = global[^1];
            }
            Assert.Equal(10_000, global.Count);
            Assert.Equal(10_000, global.Distinct().Count());
            Assert.Equal(global.OrderByDescending(x => x), global);
            Assert.Equal(9_999, global[0] - global[^1]);

            // Per channel: offset_message_seq = the smallest seq of the page.
            var perChannel = new List<long>();
            for (int ch = 1; ch <= 20; ch++)
            {
                ulong seq = 0;
                while (true)
                {
                    JsonElement[] rows = await PageAsync(1002, "channel_id=big-" + ch + "&channel_type=2&limit=120" + (seq == 0 ? "" : "&offset_message_seq=" + seq));
                    perChannel.AddRange(rows.Select(r => long.Parse(r.GetProperty("message_id").GetString()!)));
                    if (rows.Length < 120) break;
                    seq = rows[^1].GetProperty("message_seq").GetUInt64();
                }
            }
            Assert.Equal(global.OrderBy(x => x), perChannel.OrderBy(x => x));

            // Towards newer rows: pre=1 from the oldest page, cursor = the largest id of the page.
            var newer = new List<long>();
            long from = 0;
            while (true)
            {
                JsonElement[] rows = await PageAsync(1003, "payload=" + needle + "&limit=900&pre=1" + (from == 0 ? "" : "&offset_message_id=" + from));
                if (rows.Length == 0) break;
                long[] ids = rows.Select(r => long.Parse(r.GetProperty("message_id").GetString()!)).ToArray();
                Assert.Equal(ids.OrderByDescending(x => x), ids);
                newer.AddRange(ids);
                from = ids[0];
            }
            Assert.Equal(global.OrderBy(x => x), newer.OrderBy(x => x));
        }
    }
}
