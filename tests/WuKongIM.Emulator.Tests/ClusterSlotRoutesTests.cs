using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>Slots on a 3-node emulator (§11.7, §11.8): allslot, slots, config, replicas, localReplica, migrate, election.</summary>
    public sealed class ClusterSlotRoutesTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ClusterSlotRoutesTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        private static string Msg(string body) => Json(body).GetProperty("msg").GetString()!;

        [Fact]
        public async Task Allslot_spreads_64_slots_over_the_nodes_with_three_replicas_each_the_same_from_any_node()
        {
            string first = (await _c.GetRawAsync(1001, "/cluster/allslot")).Body;
            JsonElement all = Json(first);
            Assert.Equal(64, all.GetProperty("total").GetInt32());
            JsonElement[] slots = all.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(Enumerable.Range(0, 64), slots.Select(s => s.GetProperty("id").GetInt32()));
            Assert.Equal(3, slots.Select(s => s.GetProperty("leader_id").GetUInt64()).Distinct().Count());
            Assert.All(slots, s =>
            {
                ulong[] replicas = s.GetProperty("replicas").EnumerateArray().Select(r => r.GetUInt64()).ToArray();
                Assert.Equal(3, replicas.Distinct().Count());
                Assert.Contains(s.GetProperty("leader_id").GetUInt64(), replicas);
                Assert.Equal(0, s.GetProperty("channel_count").GetInt32());
            });
            Assert.Equal(first, (await _c.GetRawAsync(1003, "/cluster/allslot")).Body);
        }

        [Theory]
        [InlineData("/cluster/slots?ids=1,x", "strconv.ParseUint: parsing \"x\": invalid syntax")]
        [InlineData("/cluster/slots?ids=1,", "strconv.ParseUint: parsing \"\": invalid syntax")]
        [InlineData("/cluster/slots?ids=64", "slot not found")]
        [InlineData("/cluster/slots/abc/config", "strconv.ParseUint: parsing \"abc\": invalid syntax")]
        [InlineData("/cluster/slots/abc/replicas", "strconv.ParseUint: parsing \"abc\": invalid syntax")]
        [InlineData("/cluster/slots/99/replicas", "slot not found")]
        [InlineData("/cluster/slots/99/localReplica", "slot not found")]
        [InlineData("/cluster/slots/4294967296/localReplica", "strconv.ParseUint: parsing \"4294967296\": value out of range")]
        public async Task Slot_reads_refuse_bad_and_unknown_ids(string path, string msg)
        {
            var (status, body, _) = await _c.GetRawAsync(1002, path);
            Assert.Equal(400, status);
            Assert.Equal(msg, Msg(body));
        }

        [Fact]
        public async Task Slots_answers_the_selected_slots_and_an_empty_array_without_ids()
        {
            Assert.Equal("[]", (await _c.GetRawAsync(1001, "/cluster/slots")).Body);
            JsonElement two = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=3,7")).Body);
            Assert.Equal(new[] { 3, 7 }, two.EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
        }

        [Fact]
        public async Task Unknown_slot_config_is_a_500_with_an_empty_body_and_a_known_one_has_its_indexes()
        {
            var (status, body, _) = await _c.GetRawAsync(1001, "/cluster/slots/64/config");
            Assert.Equal(500, status);
            Assert.Equal("", body);
            JsonElement config = Json((await _c.GetRawAsync(1001, "/cluster/slots/2/config")).Body);
            Assert.Equal(2, config.GetProperty("id").GetInt32());
            foreach (string key in new[] { "leader_id", "term", "replicas", "log_max_index", "leader_log_max_index", "applied_index" })
            {
                Assert.True(config.TryGetProperty(key, out _), key);
            }
        }

        [Fact]
        public async Task Replicas_come_from_the_slot_leader_with_roles_and_local_replica_is_the_answering_node()
        {
            JsonElement slot = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=10")).Body)[0];
            ulong leader = slot.GetProperty("leader_id").GetUInt64();
            string fromOne = (await _c.GetRawAsync(1001, "/cluster/slots/10/replicas")).Body;
            JsonElement[] replicas = Json(fromOne).EnumerateArray().ToArray();
            Assert.Equal(3, replicas.Length);
            JsonElement lead = replicas.Single(r => r.GetProperty("role").GetInt32() == 3);
            Assert.Equal(leader, lead.GetProperty("replica_id").GetUInt64());
            Assert.Equal("leader", lead.GetProperty("role_format").GetString());
            Assert.Equal(2, replicas.Count(r => r.GetProperty("role_format").GetString() == "follower"));

            JsonElement local = Json((await _c.GetRawAsync(1003, "/cluster/slots/10/localReplica")).Body);
            Assert.Equal(1003UL, local.GetProperty("replica_id").GetUInt64());
            Assert.Equal(1, local.GetProperty("running").GetInt32());
            Assert.Equal(leader, local.GetProperty("leader_id").GetUInt64());
            Assert.False(local.TryGetProperty("role", out _));
        }

        [Fact]
        public async Task Migrate_checks_permission_first_then_the_replicas_and_moves_the_leader()
        {
            string admin = await _c.LoginAsync(ClusterEmulatorFixture.Admin, ClusterEmulatorFixture.AdminPassword);
            var (s0, b0, _) = await _c.PostRawAsync(1001, "/cluster/slots/20/migrate", "{\"migrate_from\":1,\"migrate_to\":2}");
            Assert.Equal(400, s0);
            Assert.Equal(403, Json(b0).GetProperty("status").GetInt32());

            JsonElement slot = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=20")).Body)[0];
            ulong leader = slot.GetProperty("leader_id").GetUInt64();
            ulong follower = slot.GetProperty("replicas").EnumerateArray().Select(r => r.GetUInt64()).First(r => r != leader);
            ulong other = slot.GetProperty("replicas").EnumerateArray().Select(r => r.GetUInt64()).Last(r => r != leader);
            Assert.Equal("MigrateFrom not in replicas", Msg((await _c.PostRawAsync(1001, "/cluster/slots/20/migrate", "{\"migrate_from\":9,\"migrate_to\":1001}", admin)).Body));
            Assert.Equal("transition between followers is not supported", Msg((await _c.PostRawAsync(1001, "/cluster/slots/20/migrate", "{\"migrate_from\":" + follower + ",\"migrate_to\":" + other + "}", admin)).Body));
            Assert.Equal("migrateFrom is equal to migrateTo", Msg((await _c.PostRawAsync(1001, "/cluster/slots/20/migrate", "{\"migrate_from\":" + leader + ",\"migrate_to\":" + leader + "}", admin)).Body));
            Assert.Equal("slot not found", Msg((await _c.PostRawAsync(1001, "/cluster/slots/70/migrate", "{}", admin)).Body));
            Assert.Equal("EOF", Msg((await _c.PostRawAsync(1001, "/cluster/slots/20/migrate", "", admin)).Body));

            Assert.Equal(200, (await _c.PostRawAsync(1002, "/cluster/slots/20/migrate", "{\"migrate_from\":" + leader + ",\"migrate_to\":" + follower + "}", admin)).Status);
            Assert.Equal(follower, Json((await _c.GetRawAsync(1003, "/cluster/slots?ids=20")).Body)[0].GetProperty("leader_id").GetUInt64());
        }

        [Fact]
        public async Task Election_moves_leadership_to_another_replica_and_raises_the_term()
        {
            string admin = await _c.LoginAsync(ClusterEmulatorFixture.Admin, ClusterEmulatorFixture.AdminPassword);
            JsonElement before = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=30")).Body)[0];
            Assert.Equal(200, (await _c.PostRawAsync(1001, "/cluster/slots/30/election", "", admin)).Status);
            JsonElement after = Json((await _c.GetRawAsync(1001, "/cluster/slots?ids=30")).Body)[0];
            Assert.NotEqual(before.GetProperty("leader_id").GetUInt64(), after.GetProperty("leader_id").GetUInt64());
            Assert.Equal(before.GetProperty("term").GetInt32() + 1, after.GetProperty("term").GetInt32());
            Assert.Equal("slot not found", Msg((await _c.PostRawAsync(1001, "/cluster/slots/64/election", "", admin)).Body));
            // The id is parsed strictly (strconv.ParseUint, 32 bits), not leniently as migrate does.
            Assert.Equal("strconv.ParseUint: parsing \"x\": invalid syntax", Msg((await _c.PostRawAsync(1001, "/cluster/slots/x/election", "", admin)).Body));
            Assert.Equal("strconv.ParseUint: parsing \"4294967296\": value out of range", Msg((await _c.PostRawAsync(1001, "/cluster/slots/4294967296/election", "", admin)).Body));
        }
    }
}
