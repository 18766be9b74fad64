using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>/connz, /conn/kick and /conn/remove against wukongim-api.md §3.4 and §3.10.</summary>
    public sealed class ConnectionsRoutesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _e;

        public ConnectionsRoutesTests(EmulatorFixture emulator) => _e = emulator;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Fact]
        public async Task Connz_filters_by_substring_pages_and_reports_the_nodes_total()
        {
            string prefix = EmulatorFixture.NewId("cz");
            for (int i = 0; i < 5; i++)
            {
                await _e.ConnectDeviceAsync(prefix + "-" + i, deviceFlag: i % 3, deviceLevel: 1);
            }
            JsonElement page = Json((await _e.GetRawAsync("/connz?uid=" + prefix + "&limit=2&offset=1")).Body);
            Assert.Equal(2, page.GetProperty("connections").GetArrayLength());
            Assert.Equal(1, page.GetProperty("offset").GetInt32());
            Assert.Equal(2, page.GetProperty("limit").GetInt32());
            Assert.True(page.GetProperty("total").GetInt32() >= 5);
            Assert.Equal(prefix + "-1", page.GetProperty("connections")[0].GetProperty("uid").GetString());

            JsonElement all = Json((await _e.GetRawAsync("/connz?uid=" + prefix + "&sort=idDesc&limit=0")).Body);
            Assert.Equal(20, all.GetProperty("limit").GetInt32());
            var ids = all.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(5, ids.Count);
            Assert.Equal(ids.OrderByDescending(x => x).ToList(), ids);
            Assert.Equal("PC(主)", all.GetProperty("connections").EnumerateArray().First(c => c.GetProperty("uid").GetString() == prefix + "-2").GetProperty("device").GetString());

            Assert.Equal(0, Json((await _e.GetRawAsync("/connz?uid=" + prefix + "&offset=99")).Body).GetProperty("connections").GetArrayLength());
        }

        [Fact]
        public async Task Connz_negative_offset_is_a_500_with_an_empty_body_and_an_unknown_node_is_refused()
        {
            var (status, body, _) = await _e.GetRawAsync("/connz?offset=-1");
            Assert.Equal(500, status);
            Assert.Equal("", body);
            var (s2, b2, _) = await _e.GetRawAsync("/connz?node_id=77");
            Assert.Equal(400, s2);
            Assert.Equal("节点不存在！", Json(b2).GetProperty("msg").GetString());
        }

        [Theory]
        [InlineData("/conn/kick")]
        [InlineData("/conn/remove")]
        public async Task Kick_and_remove_close_the_connection_and_check_conn_id_and_op_node(string path)
        {
            string uid = EmulatorFixture.NewId("kick");
            long id = await _e.ConnectDeviceAsync(uid);
            var (s0, b0, _) = await _e.PostRawAsync(path, "{\"uid\":\"" + uid + "\"}");
            Assert.Equal(400, s0);
            Assert.Equal("conn_id is 0", Json(b0).GetProperty("msg").GetString());
            var (s1, b1, _) = await _e.PostRawAsync(path, "{\"uid\":\"" + uid + "\",\"conn_id\":" + id + ",\"op_node_id\":9}");
            Assert.Equal(400, s1);
            Assert.Equal("node not found", Json(b1).GetProperty("msg").GetString());
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync(path, "{\"uid\":\"someone-else\",\"conn_id\":" + id + "}")).Body);
            Assert.Single(Json((await _e.GetRawAsync("/connz?uid=" + uid)).Body).GetProperty("connections").EnumerateArray());
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync(path, "{\"uid\":\"" + uid + "\",\"conn_id\":" + id + ",\"op_node_id\":1001}")).Body);
            Assert.Empty(Json((await _e.GetRawAsync("/connz?uid=" + uid)).Body).GetProperty("connections").EnumerateArray());
        }
    }
}
