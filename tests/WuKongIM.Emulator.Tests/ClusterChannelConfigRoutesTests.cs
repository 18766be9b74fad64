using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Core;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>Channel cluster state on a 3-node emulator (§11.7, §11.8): config, replicas, localReplica, node channels, status, actions.</summary>
    public sealed class ClusterChannelConfigRoutesTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ClusterChannelConfigRoutesTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        private static string Msg(string body) => Json(body).GetProperty("msg").GetString()!;

        /// <summary>A group channel with one message, and the node that leads its slot.</summary>
        private async Task<(string Id, ulong Leader)> ActiveChannelAsync()
        {
            string id = EmulatorFixture.NewId("cc");
            Assert.Equal(200, (await _c.PostRawAsync(1001, "/message/send", JsonSerializer.Serialize(new { channel_id = id, channel_type = 2, from_uid = "u", payload = "aGk=" }))).Status);
            uint slot = Hashes.Crc32(id) % 64;
            ulong leader = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=" + slot)).Body)[0].GetProperty("leader_id").GetUInt64();
            return (id, leader);
        }

        [Fact]
        public async Task Config_answers_only_on_the_slot_leader_or_through_node_id()
        {
            var (id, leader) = await ActiveChannelAsync();
            ulong other = leader == 1001 ? 1002UL : 1001UL;
            var (s1, b1, _) = await _c.GetRawAsync(other, "/cluster/channels/" + id + "/2/config");
            Assert.Equal(400, s1);
            Assert.Equal("slot leader is not current node", Msg(b1));

            JsonElement config = Json((await _c.GetRawAsync(other, "/cluster/channels/" + id + "/2/config?node_id=" + leader)).Body);
            Assert.Equal(id, config.GetProperty("channel_id").GetString());
            Assert.Equal(2, config.GetProperty("channel_type").GetInt32());
            Assert.Equal(leader, config.GetProperty("learder_id").GetUInt64());
            Assert.Equal(3, config.GetProperty("replicas").GetArrayLength());
            Assert.False(config.TryGetProperty("migrate_from", out _));
            Assert.False(config.TryGetProperty("learners", out _));
            Assert.Contains("T", config.GetProperty("created_at").GetString());
            Assert.Equal(config.GetRawText(), Json((await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/2/config")).Body).GetRawText());

            var (s2, b2, _) = await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/2/config?node_id=4242");
            Assert.Equal(500, s2);
            Assert.Equal("", b2);
            Assert.Equal("not found", Msg((await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/3/config")).Body));
        }

        [Fact]
        public async Task Replicas_are_the_same_from_any_node_and_local_replica_never_fails()
        {
            var (id, leader) = await ActiveChannelAsync();
            string one = (await _c.GetRawAsync(1001, "/cluster/channels/" + id + "/2/replicas")).Body;
            JsonElement[] replicas = Json(one).EnumerateArray().ToArray();
            Assert.Equal(3, replicas.Length);
            Assert.Equal(leader, replicas.Single(r => r.GetProperty("role_format").GetString() == "leader").GetProperty("replica_id").GetUInt64());
            Assert.All(replicas, r => Assert.Equal(1UL, r.GetProperty("last_msg_seq").GetUInt64()));
            JsonElement[] fromThree = Json((await _c.GetRawAsync(1003, "/cluster/channels/" + id + "/2/replicas")).Body).EnumerateArray().ToArray();
            Assert.Equal(replicas.Select(r => r.GetProperty("replica_id").GetUInt64()), fromThree.Select(r => r.GetProperty("replica_id").GetUInt64()));
            Assert.Equal("not found", Msg((await _c.GetRawAsync(1003, "/cluster/channels/nochannel-x/2/replicas")).Body));

            JsonElement unknown = Json((await _c.GetRawAsync(1002, "/cluster/channels/nochannel-x/2/localReplica")).Body);
            Assert.Equal(1002UL, unknown.GetProperty("replica_id").GetUInt64());
            Assert.Equal(0, unknown.GetProperty("running").GetInt32());
            Assert.Equal(0UL, unknown.GetProperty("last_msg_seq").GetUInt64());
        }

        [Fact]
        public async Task Node_channels_lists_the_configs_a_node_leads_and_refuses_bad_nodes()
        {
            var (id, leader) = await ActiveChannelAsync();
            JsonElement one = Json((await _c.GetRawAsync(1001, "/cluster/nodes/" + leader + "/channels?channel_id=" + id + "&channel_type=2")).Body);
            JsonElement row = one.GetProperty("data")[0];
            Assert.Equal(id, row.GetProperty("channel_id").GetString());
            Assert.Equal("群组", row.GetProperty("channel_type_format").GetString());
            Assert.Equal(leader, row.GetProperty("slot_leader_id").GetUInt64());
            Assert.Equal(1UL, row.GetProperty("last_message_seq").GetUInt64());
            Assert.Equal("运行中", row.GetProperty("active_format").GetString());
            Assert.Equal(0, one.GetProperty("total").GetInt32());

            Assert.Equal("not found", Msg((await _c.GetRawAsync(1001, "/cluster/nodes/" + leader + "/channels?channel_id=" + id)).Body));
            Assert.Equal("strconv.ParseUint: parsing \"abc\": invalid syntax", Msg((await _c.GetRawAsync(1001, "/cluster/nodes/abc/channels")).Body));
            Assert.Equal("node not found", Msg((await _c.GetRawAsync(1001, "/cluster/nodes/1009/channels")).Body));

            // Keyset paging on created_at: pages never overlap.
            JsonElement page1 = Json((await _c.GetRawAsync(1001, "/cluster/nodes/" + leader + "/channels?limit=1")).Body);
            Assert.Equal(1, page1.GetProperty("data").GetArrayLength());
            long cursor = page1.GetProperty("data")[0].GetProperty("created_at").GetInt64();
            JsonElement page2 = Json((await _c.GetRawAsync(1001, "/cluster/nodes/" + leader + "/channels?limit=1&offset_created_at=" + cursor)).Body);
            Assert.All(page2.GetProperty("data").EnumerateArray(), r => Assert.True(r.GetProperty("created_at").GetInt64() < cursor));
        }

        [Fact]
        public async Task Channel_status_reports_running_and_last_seq_and_a_bad_body_loses_the_json_type()
        {
            var (id, leader) = await ActiveChannelAsync();
            JsonElement status = Json((await _c.PostRawAsync(leader, "/cluster/channel/status", "{\"channels\":[{\"channel_id\":\"" + id + "\",\"channel_type\":2},{\"channel_id\":\"none-x\",\"channel_type\":2}]}")).Body);
            Assert.Equal(1, status[0].GetProperty("running").GetInt32());
            Assert.Equal(1UL, status[0].GetProperty("last_msg_seq").GetUInt64());
            Assert.Equal(0, status[1].GetProperty("running").GetInt32());
            var (code, _, type) = await _c.PostRawAsync(1001, "/cluster/channel/status", "{\"channels\":5}");
            Assert.Equal(400, code);
            Assert.Equal("text/plain", type);
        }

        [Fact]
        public async Task Stop_and_start_need_permission_and_change_running()
        {
            var (id, leader) = await ActiveChannelAsync();
            var (s0, b0, _) = await _c.PostRawAsync(1001, "/cluster/channels/" + id + "/2/stop", "");
            Assert.Equal(400, s0);
            Assert.Equal("{\"msg\":\"没有权限\",\"status\":403}", b0);
            string reader = await _c.LoginAsync(ClusterEmulatorFixture.Reader, ClusterEmulatorFixture.ReaderPassword);
            Assert.Equal(403, Json((await _c.PostRawAsync(1001, "/cluster/channels/" + id + "/2/start", "", reader)).Body).GetProperty("status").GetInt32());

            string admin = await _c.LoginAsync(ClusterEmulatorFixture.Admin, ClusterEmulatorFixture.AdminPassword);
            Assert.Equal(200, (await _c.PostRawAsync(1002, "/cluster/channels/" + id + "/2/stop", "", admin)).Status);
            Assert.Equal(0, Json((await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/2/localReplica")).Body).GetProperty("running").GetInt32());
            Assert.Equal(200, (await _c.PostRawAsync(1003, "/cluster/channels/" + id + "/2/start", "", admin)).Status);
            Assert.Equal(1, Json((await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/2/localReplica")).Body).GetProperty("running").GetInt32());
            Assert.Equal("not found", Msg((await _c.PostRawAsync(1001, "/cluster/channels/none-x/2/start", "", admin)).Body));
        }

        [Fact]
        public async Task Replica_migrate_is_unguarded_and_checks_the_replica_set()
        {
            var (id, leader) = await ActiveChannelAsync();
            JsonElement config = Json((await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/2/config")).Body);
            ulong[] replicas = config.GetProperty("replicas").EnumerateArray().Select(r => r.GetUInt64()).ToArray();
            ulong follower = replicas.First(r => r != leader);
            ulong other = replicas.Last(r => r != leader);
            string path = "/cluster/channels/" + id + "/2/migrate";
            Assert.Equal("MigrateFrom not in replicas", Msg((await _c.PostRawAsync(1001, path, "{\"migrate_from\":5,\"migrate_to\":1001}")).Body));
            Assert.Equal("transition between followers is not supported", Msg((await _c.PostRawAsync(1001, path, "{\"migrate_from\":" + follower + ",\"migrate_to\":" + other + "}")).Body));
            Assert.Equal("not found", Msg((await _c.PostRawAsync(1001, "/cluster/channels/none-x/2/migrate", "{}")).Body));
            Assert.Equal(200, (await _c.PostRawAsync(1001, path, "{\"migrate_from\":" + leader + ",\"migrate_to\":" + follower + "}")).Status);
            Assert.Equal(follower, Json((await _c.GetRawAsync(leader, "/cluster/channels/" + id + "/2/config")).Body).GetProperty("learder_id").GetUInt64());
        }
    }
}
