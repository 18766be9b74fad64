using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>Receiver tags (§3.11): built for temp channels by /tmpchannel/subscriber_set, read by key or channel, removed.</summary>
    public sealed class TagRouteTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public TagRouteTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public async Task Unknown_tags_are_errors_and_removing_nothing_succeeds()
        {
            Assert.Equal((400, "{\"msg\":\"tag not found\",\"status\":400}"), Pick(await _emulator.GetRawAsync("/tag?tag_key=nope")));
            Assert.Equal((400, "{\"msg\":\"tag not found\",\"status\":400}"), Pick(await _emulator.GetRawAsync("/tag?channel_id=nope&channel_type=2")));
            Assert.Equal("{\"status\":200}", (await _emulator.PostRawAsync("/tag/remove", "{\"tag_key\":\"nope\"}")).Body);
            Assert.Equal("{\"msg\":\"node not found\",\"status\":400}", (await _emulator.PostRawAsync("/tag/remove", "{\"tag_key\":\"nope\",\"node_id\":5}")).Body);
            Assert.Equal("{\"msg\":\"EOF\",\"status\":400}", (await _emulator.PostRawAsync("/tag/remove", "")).Body);
        }

        [Fact]
        public async Task A_temp_channel_tag_is_read_by_channel_and_key_listed_then_removed()
        {
            string channel = EmulatorFixture.NewId("tmp");
            Assert.Equal(200, (await _emulator.PostRawAsync("/tmpchannel/subscriber_set", "{\"channel_id\":\"" + channel + "\",\"uids\":[\"a\",\"b\"]}")).Status);

            var (status, body, _) = await _emulator.GetRawAsync("/tag?channel_id=" + channel + "&channel_type=8");
            Assert.Equal(200, status);
            using JsonDocument tag = JsonDocument.Parse(body);
            string key = tag.RootElement.GetProperty("key").GetString()!;
            Assert.Equal(channel, tag.RootElement.GetProperty("channel_id").GetString());
            Assert.Equal("[\"a\",\"b\"]", tag.RootElement.GetProperty("nodes")[0].GetProperty("uids").GetRawText());
            Assert.Equal(1001UL, tag.RootElement.GetProperty("nodes")[0].GetProperty("leader_id").GetUInt64());
            Assert.Equal(1, tag.RootElement.GetProperty("get_count").GetInt64());

            using JsonDocument list = JsonDocument.Parse((await _emulator.GetRawAsync("/tags?tag_key=" + key)).Body);
            JsonElement row = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(2, row.GetProperty("nodes")[0].GetProperty("uid_count").GetInt32());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", row.GetProperty("created_at").GetString());

            Assert.Equal("{\"status\":200}", (await _emulator.PostRawAsync("/tag/remove", "{\"tag_key\":\"" + key + "\"}")).Body);
            Assert.Equal(400, (await _emulator.GetRawAsync("/tag?tag_key=" + key)).Status);
            Assert.Equal("[]", (await _emulator.GetRawAsync("/tags?tag_key=" + key)).Body);
        }

        private static (int, string) Pick((int Status, string Body, string? Type) r) => (r.Status, r.Body);
    }
}
