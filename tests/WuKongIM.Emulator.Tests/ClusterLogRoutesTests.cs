using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>GET /cluster/logs (§11.7): node_id is required (the server crashes without it), log types and cursors.</summary>
    public sealed class ClusterLogRoutesTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ClusterLogRoutesTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Theory]
        [InlineData("/cluster/logs")]
        [InlineData("/cluster/logs?node_id=")]
        [InlineData("/cluster/logs?node_id=abc")]
        [InlineData("/cluster/logs?node_id=2001")]
        public async Task Without_a_known_node_id_the_log_viewer_is_a_500_with_an_empty_body(string path)
        {
            var (status, body, type) = await _c.GetRawAsync(1002, path);
            Assert.Equal(500, status);
            Assert.Equal("", body);
            Assert.Null(type);
        }

        [Fact]
        public async Task The_config_log_pages_newest_first_with_next_and_pre_and_is_the_same_through_forwarding()
        {
            var (status, body, _) = await _c.GetRawAsync(1001, "/cluster/logs?node_id=1001&limit=2");
            Assert.Equal(200, status);
            JsonElement first = Json(body);
            JsonElement[] logs = first.GetProperty("logs").EnumerateArray().ToArray();
            Assert.Equal(2, logs.Length);
            ulong last = first.GetProperty("last").GetUInt64();
            Assert.Equal(last, logs[0].GetProperty("index").GetUInt64());
            Assert.Equal(last.ToString(), logs[0].GetProperty("id").GetString());
            Assert.Equal(1, first.GetProperty("more").GetInt32());
            foreach (string key in new[] { "term", "cmd", "data", "time_format" })
            {
                Assert.True(logs[0].TryGetProperty(key, out _), key);
            }
            ulong next = first.GetProperty("next").GetUInt64();
            Assert.Equal(logs[1].GetProperty("index").GetUInt64(), next);
            JsonElement older = Json((await _c.GetRawAsync(1001, "/cluster/logs?node_id=1001&limit=2&next=" + next)).Body);
            Assert.All(older.GetProperty("logs").EnumerateArray(), l => Assert.True(l.GetProperty("index").GetUInt64() < next));

            JsonElement forwarded = Json((await _c.GetRawAsync(1003, "/cluster/logs?node_id=1001&limit=2")).Body);
            Assert.Equal(first.GetProperty("logs").GetRawText(), forwarded.GetProperty("logs").GetRawText());
        }

        [Fact]
        public async Task Slot_logs_exist_per_slot_and_channel_logs_are_empty()
        {
            JsonElement slot = Json((await _c.GetRawAsync(1001, "/cluster/logs?node_id=1001&log_type=2&slot=3")).Body);
            Assert.True(slot.GetProperty("logs").GetArrayLength() >= 1);
            JsonElement channel = Json((await _c.GetRawAsync(1001, "/cluster/logs?node_id=1001&log_type=3")).Body);
            Assert.Equal(0, channel.GetProperty("logs").GetArrayLength());
        }
    }
}
