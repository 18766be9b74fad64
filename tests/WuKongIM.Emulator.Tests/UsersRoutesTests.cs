using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>/user/* and /cluster/users|devices against wukongim-api.md §3.3 and §11.3.</summary>
    public sealed class UsersRoutesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _e;

        public UsersRoutesTests(EmulatorFixture emulator) => _e = emulator;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Theory]
        [InlineData("{\"token\":\"t\"}", "uid不能为空！")]
        [InlineData("{\"uid\":\"u1\"}", "token不能为空！")]
        [InlineData("{\"uid\":\"a@b\",\"token\":\"t\"}", "uid不能包含特殊字符！")]
        [InlineData("{\"uid\":\"a#b\",\"token\":\"t\"}", "uid不能包含特殊字符！")]
        [InlineData("{\"uid\":\"a&b\",\"token\":\"t\"}", "uid不能包含特殊字符！")]
        [InlineData("{\"uid\":\"____system\",\"token\":\"t\"}", "系统账号不允许更新token！")]
        [InlineData("", "EOF")]
        [InlineData("{\"uid\":\"u1\",\"token\":\"t\",\"device_flag\":300}", "json: cannot unmarshal number 300 into Go struct field UpdateTokenReq.device_flag of type wkproto.DeviceFlag")]
        public async Task Token_validation_answers_400_with_the_servers_text_in_order(string body, string msg)
        {
            var (status, text, type) = await _e.PostRawAsync("/user/token", body);
            Assert.Equal(400, status);
            Assert.Equal("application/json", type);
            Assert.Equal(msg, Json(text).GetProperty("msg").GetString());
            Assert.Equal(400, Json(text).GetProperty("status").GetInt32());
        }

        [Fact]
        public async Task Token_of_a_banned_user_is_http_200_status_19_and_stores_nothing()
        {
            string uid = EmulatorFixture.NewId("ban");
            Assert.Equal(200, (await _e.PostRawAsync("/channel/info", "{\"channel_id\":\"" + uid + "\",\"channel_type\":1,\"ban\":1}")).Status);
            var (status, text, _) = await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"t1\"}");
            Assert.Equal(200, status);
            Assert.Equal("{\"status\":19}", text);
            var devices = Json((await _e.GetRawAsync("/cluster/devices?uid=" + uid)).Body);
            Assert.Equal(0, devices.GetProperty("data").GetArrayLength());
        }

        [Fact]
        public async Task Token_is_stored_per_device_and_device_quit_blanks_it_and_sets_master()
        {
            string uid = EmulatorFixture.NewId("dev");
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"app-t\"}")).Body);
            Assert.Equal(200, (await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"web-t\",\"device_flag\":1}")).Status);

            var rows = Json((await _e.GetRawAsync("/cluster/devices?uid=" + uid)).Body).GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            JsonElement web = rows.Single(r => r.GetProperty("device_flag").GetUInt64() == 1);
            Assert.Equal("web-t", web.GetProperty("token").GetString());
            Assert.Equal("WEB", web.GetProperty("device_flag_format").GetString());
            Assert.Equal("从设备", web.GetProperty("device_level_format").GetString());

            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/device_quit", "{\"uid\":\"" + uid + "\",\"device_flag\":1}")).Body);
            rows = Json((await _e.GetRawAsync("/cluster/devices?uid=" + uid)).Body).GetProperty("data").EnumerateArray().ToList();
            web = rows.Single(r => r.GetProperty("device_flag").GetUInt64() == 1);
            Assert.Equal("", web.GetProperty("token").GetString());
            Assert.Equal(1, web.GetProperty("device_level").GetInt32());
            Assert.Equal("app-t", rows.Single(r => r.GetProperty("device_flag").GetUInt64() == 0).GetProperty("token").GetString());
        }

        [Fact]
        public async Task Device_quit_all_kicks_devices_with_records_and_answers_ok_for_unknown_users()
        {
            string uid = EmulatorFixture.NewId("quit");
            await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"t\",\"device_flag\":2}");
            await _e.ConnectDeviceAsync(uid, deviceFlag: 2);
            await _e.ConnectDeviceAsync(uid, deviceFlag: 1); // no device record for Web: survives device quit
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/device_quit", "{\"uid\":\"" + uid + "\",\"device_flag\":-1}")).Body);
            var online = Json((await _e.PostRawAsync("/user/onlinestatus", "[\"" + uid + "\"]")).Body);
            Assert.Equal(new[] { 1 }, online.EnumerateArray().Select(r => r.GetProperty("device_flag").GetInt32()).ToArray());
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/device_quit", "{\"uid\":\"nobody-here\",\"device_flag\":0}")).Body);
        }

        [Fact]
        public async Task Master_token_kicks_connections_of_that_flag()
        {
            string uid = EmulatorFixture.NewId("master");
            await _e.ConnectDeviceAsync(uid, deviceFlag: 0);
            await _e.ConnectDeviceAsync(uid, deviceFlag: 1);
            await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"t\",\"device_level\":1}");
            var online = Json((await _e.PostRawAsync("/user/onlinestatus", "[\"" + uid + "\"]")).Body);
            Assert.Equal(new[] { 1 }, online.EnumerateArray().Select(r => r.GetProperty("device_flag").GetInt32()).ToArray());
        }

        [Fact]
        public async Task Online_status_lists_one_row_per_connection_and_nothing_for_offline_users()
        {
            string uid = EmulatorFixture.NewId("on");
            await _e.ConnectDeviceAsync(uid, deviceFlag: 0);
            await _e.ConnectDeviceAsync(uid, deviceFlag: 0);
            var (status, body, _) = await _e.PostRawAsync("/user/onlinestatus", "[\"" + uid + "\",\"offline-user\"]");
            Assert.Equal(200, status);
            JsonElement rows = Json(body);
            Assert.Equal(2, rows.GetArrayLength());
            Assert.All(rows.EnumerateArray(), r => Assert.Equal(1, r.GetProperty("online").GetInt32()));
            Assert.Equal("[]", (await _e.PostRawAsync("/user/onlinestatus", "[\"offline-user\"]")).Body);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("null")]
        public async Task Online_status_of_no_uids_is_the_ok_object(string body)
        {
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/onlinestatus", body)).Body);
        }

        [Fact]
        public async Task Online_status_with_an_object_body_is_400_as_text_plain()
        {
            var (status, body, type) = await _e.PostRawAsync("/user/onlinestatus", "{}");
            Assert.Equal(400, status);
            Assert.Equal("text/plain", type);
            Assert.Equal("json: cannot unmarshal object into Go value of type []string", Json(body).GetProperty("msg").GetString());
        }

        [Fact]
        public async Task System_uids_are_null_when_empty_then_listed_and_removed()
        {
            await using var fresh = await FreshEmulator.StartAsync();
            Assert.Equal("null", (await fresh.Fixture.GetRawAsync("/user/systemuids")).Body);
            Assert.Equal("{\"status\":200}", (await fresh.Fixture.PostRawAsync("/user/systemuids_add", "{\"uids\":[\"bot1\",\"bot2\"]}")).Body);
            Assert.Equal("{\"status\":200}", (await fresh.Fixture.PostRawAsync("/user/systemuids_add", "{}")).Body);
            var listed = Json((await fresh.Fixture.GetRawAsync("/user/systemuids")).Body).EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Equal(new[] { "bot1", "bot2" }, listed.OrderBy(x => x).ToArray());
            Assert.Equal("{\"status\":200}", (await fresh.Fixture.PostRawAsync("/user/systemuids_remove", "{\"uids\":[\"bot1\",\"bot2\"]}")).Body);
            Assert.Equal("null", (await fresh.Fixture.GetRawAsync("/user/systemuids")).Body);
        }

        [Fact]
        public async Task Cache_routes_are_decoder_b_and_plugin_no_answers_ok()
        {
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/systemuids_add_to_cache", "{\"uids\":[\"x\"]}")).Body);
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/systemuids_remove_from_cache", "{\"uids\":[\"x\"]}")).Body);
            var (status, _, type) = await _e.PostRawAsync("/user/systemuids_add_to_cache", "{\"uids\":1}");
            Assert.Equal(400, status);
            Assert.Equal("text/plain", type);
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/user/update_plugin_no", "{\"uid\":\"u\",\"plugin_no\":\"p1\"}")).Body);
        }

        [Fact]
        public async Task Cluster_users_pages_newest_first_with_more_and_crashes_on_an_unknown_uid()
        {
            await using var fresh = await FreshEmulator.StartAsync();
            for (int i = 1; i <= 5; i++)
            {
                await fresh.Fixture.PostRawAsync("/user/token", "{\"uid\":\"cu" + i + "\",\"token\":\"t\"}");
            }
            JsonElement page = Json((await fresh.Fixture.GetRawAsync("/cluster/users?limit=2")).Body);
            Assert.Equal(1, page.GetProperty("more").GetInt32());
            Assert.Equal(0, page.GetProperty("total").GetInt32());
            var uids = page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("uid").GetString()).ToList();
            Assert.Equal(new[] { "cu5", "cu4" }, uids);
            long cursor = page.GetProperty("data")[1].GetProperty("created_at").GetInt64();
            page = Json((await fresh.Fixture.GetRawAsync("/cluster/users?limit=3&offset_created_at=" + cursor)).Body);
            Assert.Equal(0, page.GetProperty("more").GetInt32());
            Assert.Equal(new[] { "cu3", "cu2", "cu1" }, page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("uid").GetString()).ToArray());

            JsonElement one = Json((await fresh.Fixture.GetRawAsync("/cluster/users?uid=cu2")).Body);
            Assert.Equal("cu2", one.GetProperty("data")[0].GetProperty("uid").GetString());
            var (status, body, _) = await fresh.Fixture.GetRawAsync("/cluster/users?uid=nobody");
            Assert.Equal(500, status);
            Assert.Equal("", body);
        }

        [Fact]
        public async Task Cluster_devices_flag_filter_is_not_found_when_absent_and_crashes_after_a_refresh()
        {
            string uid = EmulatorFixture.NewId("flag");
            await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"t\",\"device_flag\":2}");
            Assert.Equal(200, (await _e.GetRawAsync("/cluster/devices?uid=" + uid + "&device_flag=2")).Status);
            var (status, body, _) = await _e.GetRawAsync("/cluster/devices?uid=" + uid + "&device_flag=1");
            Assert.Equal(400, status);
            Assert.Equal("not found", Json(body).GetProperty("msg").GetString());
            await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"t2\",\"device_flag\":2}");
            Assert.Equal(500, (await _e.GetRawAsync("/cluster/devices?uid=" + uid + "&device_flag=2")).Status);
        }

        [Fact]
        public async Task Cluster_devices_local_path_repeats_each_device_per_shard()
        {
            string uid = EmulatorFixture.NewId("shard");
            await _e.PostRawAsync("/user/token", "{\"uid\":\"" + uid + "\",\"token\":\"t\"}");
            JsonElement local = Json((await _e.GetRawAsync("/cluster/devices?uid=" + uid + "&node_id=1001")).Body);
            Assert.Equal(8, local.GetProperty("data").GetArrayLength());
            JsonElement aggregated = Json((await _e.GetRawAsync("/cluster/devices?uid=" + uid)).Body);
            Assert.Equal(1, aggregated.GetProperty("data").GetArrayLength());
            Assert.Equal(0, Json((await _e.GetRawAsync("/cluster/devices?uid=nobody-x")).Body).GetProperty("data").GetArrayLength());
        }
    }
}
