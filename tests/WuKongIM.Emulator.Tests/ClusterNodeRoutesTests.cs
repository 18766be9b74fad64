using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>A 3-node emulator: /cluster/nodes, node, simpleNodes and info (§11.7), per-node /connz and /varz, forwarding.</summary>
    public sealed class ClusterNodeRoutesTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ClusterNodeRoutesTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Fact]
        public async Task Nodes_lists_three_nodes_with_their_own_addresses_and_every_node_answers_the_same()
        {
            JsonElement nodes = Json((await _c.GetRawAsync(1001, "/cluster/nodes")).Body);
            Assert.Equal(3, nodes.GetProperty("total").GetInt32());
            JsonElement[] rows = nodes.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(new ulong[] { 1001, 1002, 1003 }, rows.Select(n => n.GetProperty("id").GetUInt64()));
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(_c.NodeUris[i].GetLeftPart(UriPartial.Authority), rows[i].GetProperty("api_server_addr").GetString());
                Assert.Equal(1, rows[i].GetProperty("online").GetInt32());
                Assert.Equal(3, rows[i].GetProperty("status").GetInt32());
                Assert.Equal("已加入", rows[i].GetProperty("status_format").GetString());
                Assert.Equal("2.2.5", rows[i].GetProperty("app_version").GetString());
                Assert.True(rows[i].TryGetProperty("uptime", out _));
                Assert.Equal(64, rows[i].GetProperty("slot_count").GetInt32());
            }
            // is_leader is omitempty: only the config leader has it.
            Assert.Equal(1, rows[0].GetProperty("is_leader").GetInt32());
            Assert.False(rows[1].TryGetProperty("is_leader", out _));
            Assert.Equal(64, rows.Sum(n => n.GetProperty("slot_leader_count").GetInt32()));

            foreach (ulong node in new ulong[] { 1002, 1003 })
            {
                JsonElement other = Json((await _c.GetRawAsync(node, "/cluster/nodes")).Body);
                Assert.Equal(rows.Select(r => r.GetProperty("id").GetUInt64()), other.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetUInt64()));
                Assert.Equal(rows.Select(r => r.GetProperty("slot_leader_count").GetInt32()), other.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("slot_leader_count").GetInt32()));
            }
        }

        [Fact]
        public async Task Node_is_the_answering_node_and_simple_nodes_leave_out_the_live_fields()
        {
            JsonElement node = Json((await _c.GetRawAsync(1002, "/cluster/node")).Body);
            Assert.Equal(1002UL, node.GetProperty("id").GetUInt64());
            Assert.Equal(1, node.GetProperty("term").GetInt32());
            Assert.True(node.TryGetProperty("config_version", out _));

            JsonElement simple = Json((await _c.GetRawAsync(1003, "/cluster/simpleNodes")).Body);
            Assert.Equal(3, simple.GetProperty("total").GetInt32());
            foreach (JsonElement row in simple.GetProperty("data").EnumerateArray())
            {
                foreach (string live in new[] { "uptime", "app_version", "config_version", "term" })
                {
                    Assert.False(row.TryGetProperty(live, out _), live + " must be absent from /cluster/simpleNodes");
                }
            }
        }

        [Fact]
        public async Task Info_is_camel_case_with_zero_values_left_out()
        {
            var (status, body, type) = await _c.GetRawAsync(1003, "/cluster/info");
            Assert.Equal(200, status);
            Assert.Equal("application/json", type);
            JsonElement info = Json(body);
            Assert.Equal(64, info.GetProperty("slotCount").GetInt32());
            Assert.Equal(3, info.GetProperty("slotReplicaCount").GetInt32());
            Assert.Equal(3, info.GetProperty("channelReplicaCount").GetInt32());
            JsonElement node = info.GetProperty("nodes")[0];
            Assert.True(node.GetProperty("online").GetBoolean());
            Assert.True(node.GetProperty("allowVote").GetBoolean());
            Assert.False(node.TryGetProperty("role", out _));
            Assert.False(node.TryGetProperty("offlineCount", out _));
            JsonElement[] slots = info.GetProperty("slots").EnumerateArray().ToArray();
            Assert.Equal(64, slots.Length);
            Assert.False(slots[0].TryGetProperty("id", out _), "slot 0 has no id key (omitempty)");
            Assert.Equal(1U, slots[1].GetProperty("id").GetUInt32());
            Assert.False(slots[1].TryGetProperty("status", out _));
            Assert.Equal(3, slots[1].GetProperty("replicas").GetArrayLength());
        }

        [Fact]
        public async Task Connections_belong_to_one_node_each_and_connz_node_id_forwards()
        {
            string uid = EmulatorFixture.NewId("cn");
            long onTwo = await _c.ConnectDeviceAsync(1002, uid);
            long onThree = await _c.ConnectDeviceAsync(1003, uid);

            JsonElement two = Json((await _c.GetRawAsync(1002, "/connz?uid=" + uid)).Body);
            Assert.Equal(new[] { onTwo }, two.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
            Assert.Equal(1002UL, two.GetProperty("connections")[0].GetProperty("node_id").GetUInt64());
            JsonElement one = Json((await _c.GetRawAsync(1001, "/connz?uid=" + uid)).Body);
            Assert.Equal(0, one.GetProperty("connections").GetArrayLength());
            // node_id of another node: the request is answered by that node.
            JsonElement forwarded = Json((await _c.GetRawAsync(1001, "/connz?uid=" + uid + "&node_id=1003")).Body);
            Assert.Equal(new[] { onThree }, forwarded.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
            var (status, body, _) = await _c.GetRawAsync(1001, "/connz?node_id=1009");
            Assert.Equal(400, status);
            Assert.Equal("节点不存在！", Json(body).GetProperty("msg").GetString());

            JsonElement varz = Json((await _c.GetRawAsync(1003, "/varz")).Body);
            Assert.Equal("1003", varz.GetProperty("server_id").GetString());
            Assert.Equal(_c.Node(1003).GetLeftPart(UriPartial.Authority), varz.GetProperty("api_url").GetString());
            Assert.Equal("1002", Json((await _c.GetRawAsync(1001, "/varz?node_id=1002")).Body).GetProperty("server_id").GetString());
            Assert.Equal("node not found", Json((await _c.GetRawAsync(1001, "/varz?node_id=7")).Body).GetProperty("msg").GetString());

            // Kick on the node that holds the connection: op_node_id forwards there, node_id names the holder.
            var (kick, _, _) = await _c.PostRawAsync(1001, "/conn/remove", JsonSerializer.Serialize(new { uid, conn_id = onTwo, node_id = 1002, op_node_id = 1002 }));
            Assert.Equal(200, kick);
            Assert.Equal(0, Json((await _c.GetRawAsync(1002, "/connz?uid=" + uid)).Body).GetProperty("connections").GetArrayLength());
        }

        [Fact]
        public async Task Tags_node_id_of_another_node_forwards_and_an_unknown_node_is_refused()
        {
            var (status, body, _) = await _c.GetRawAsync(1001, "/tags?node_id=1003");
            Assert.Equal(200, status);
            Assert.Equal(JsonValueKind.Array, Json(body).ValueKind);
            Assert.Equal("node not found", Json((await _c.GetRawAsync(1001, "/tags?node_id=1777")).Body).GetProperty("msg").GetString());
            Assert.Equal(200, (await _c.PostRawAsync(1002, "/tag/remove", "{\"tag_key\":\"none\",\"node_id\":1001}")).Status);
            Assert.Equal("node not found", Json((await _c.PostRawAsync(1002, "/tag/remove", "{\"tag_key\":\"none\",\"node_id\":1777}")).Body).GetProperty("msg").GetString());
        }

        [Fact]
        public async Task Data_written_on_one_node_is_read_the_same_from_every_node()
        {
            string group = EmulatorFixture.NewId("g");
            Assert.Equal(200, (await _c.PostRawAsync(1002, "/channel", JsonSerializer.Serialize(new { channel_id = group, channel_type = 2, subscribers = new[] { "a", "b" } }))).Status);
            Assert.Equal(200, (await _c.PostRawAsync(1003, "/message/send", JsonSerializer.Serialize(new { channel_id = group, channel_type = 2, from_uid = "a", payload = "aGk=" }))).Status);
            string[] answers = new string[3];
            for (int i = 0; i < 3; i++)
            {
                answers[i] = (await _c.GetRawAsync(1001UL + (ulong)i, "/cluster/channels/" + group + "/2/subscribers")).Body;
            }
            Assert.Equal(new[] { "a", "b" }, JsonSerializer.Deserialize<string[]>(answers[0])!.OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(answers[0], answers[1]);
            Assert.Equal(answers[0], answers[2]);
            string[] seqs = new string[3];
            for (int i = 0; i < 3; i++)
            {
                seqs[i] = (await _c.GetRawAsync(1001UL + (ulong)i, "/channel/max_message_seq?channel_id=" + group + "&channel_type=2")).Body;
            }
            Assert.Equal(seqs[0], seqs[1]);
            Assert.Equal(seqs[0], seqs[2]);
        }
        [Fact]
        public async Task Node_id_of_a_list_route_returns_only_what_that_node_leads_and_the_shares_add_up()
        {
            string prefix = EmulatorFixture.NewId("own");
            var uids = Enumerable.Range(0, 12).Select(i => prefix + "-" + i).ToList();
            foreach (string uid in uids)
            {
                Assert.Equal(200, (await _c.PostRawAsync(1001, "/user/token", JsonSerializer.Serialize(new { uid, token = "t", device_flag = 0 }))).Status);
            }
            var owners = new System.Collections.Generic.Dictionary<string, ulong>();
            foreach (ulong node in new ulong[] { 1001, 1002, 1003 })
            {
                JsonElement local = Json((await _c.GetRawAsync(node, "/cluster/users?limit=1000&node_id=" + node)).Body);
                Assert.Equal(0, local.GetProperty("more").GetInt32());
                foreach (JsonElement u in local.GetProperty("data").EnumerateArray())
                {
                    string uid = u.GetProperty("uid").GetString()!;
                    if (!uid.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    owners.Add(uid, node);
                    uint slot = u.GetProperty("slot").GetUInt32();
                    Assert.Equal(node, Json((await _c.GetRawAsync(node, "/cluster/slots?ids=" + slot)).Body)[0].GetProperty("leader_id").GetUInt64());
                }
            }
            Assert.Equal(uids.OrderBy(u => u, StringComparer.Ordinal), owners.Keys.OrderBy(u => u, StringComparer.Ordinal));
            Assert.True(owners.Values.Distinct().Count() > 1, "12 users should spread over more than one node");
        }
    }

    /// <summary>Partial clusters: a node taken offline through /_emulator/nodes/{id}/offline, and back.</summary>
    public sealed class ClusterOfflineNodeTests
    {
        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Fact]
        public async Task An_offline_node_fails_connections_shows_offline_and_its_slots_elect_new_leaders()
        {
            var cluster = new ClusterEmulatorFixture();
            await cluster.InitializeAsync();
            try
            {
                long conn = await cluster.ConnectDeviceAsync(1002, "off-u");
                await cluster.SetOnlineAsync(1002, online: false);

                await Assert.ThrowsAsync<HttpRequestException>(() => cluster.GetRawAsync(1002, "/health"));
                JsonElement[] rows = Json((await cluster.GetRawAsync(1001, "/cluster/nodes")).Body).GetProperty("data").EnumerateArray().ToArray();
                JsonElement off = rows.Single(n => n.GetProperty("id").GetUInt64() == 1002);
                Assert.False(off.TryGetProperty("online", out _));
                Assert.Equal(1, off.GetProperty("offline_count").GetInt32());
                Assert.True(off.TryGetProperty("last_offline", out _));
                Assert.False(off.TryGetProperty("uptime", out _));
                Assert.False(off.TryGetProperty("slot_leader_count", out _));
                Assert.Equal(64, rows.Sum(n => n.TryGetProperty("slot_leader_count", out JsonElement c) ? c.GetInt32() : 0));
                Assert.False(Json((await cluster.GetRawAsync(1003, "/cluster/info")).Body).GetProperty("nodes")[1].TryGetProperty("online", out _));

                JsonElement[] control = Json(await cluster.Http.GetStringAsync(new Uri(cluster.Node(1003), "/_emulator/nodes"))).EnumerateArray().ToArray();
                Assert.Equal(new[] { true, false, true }, control.Select(n => n.GetProperty("online").GetBoolean()));
                Assert.Equal(1, control[1].GetProperty("connections").GetInt32());
                Assert.Equal(cluster.Node(1002).GetLeftPart(UriPartial.Authority), control[1].GetProperty("url").GetString());

                // A forward to the offline node fails like Go's HTTP client.
                var (status, body, _) = await cluster.GetRawAsync(1001, "/connz?node_id=1002");
                Assert.Equal(400, status);
                Assert.EndsWith("connect: connection refused", Json(body).GetProperty("msg").GetString());
                Assert.Equal("node offline", Json((await cluster.GetRawAsync(1001, "/cluster/nodes/1002/channels")).Body).GetProperty("msg").GetString());

                await cluster.SetOnlineAsync(1002, online: true);
                JsonElement back = Json((await cluster.GetRawAsync(1002, "/connz?uid=off-u")).Body);
                Assert.Equal(conn, back.GetProperty("connections")[0].GetProperty("id").GetInt64());
                Assert.Equal(1, Json((await cluster.GetRawAsync(1002, "/cluster/node")).Body).GetProperty("online").GetInt32());
            }
            finally
            {
                await cluster.DisposeAsync();
            }
        }

        [Fact]
        public async Task The_control_route_refuses_unknown_nodes_and_the_last_online_node()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync("http://127.0.0.1:0", null, new ClusterOptions { NodeCount = 1 });
            using var http = new HttpClient();
            using HttpResponseMessage unknown = await http.PostAsync(new Uri(host.BaseUri, "/_emulator/nodes/1005/offline"), null);
            Assert.Equal(400, (int)unknown.StatusCode);
            using HttpResponseMessage last = await http.PostAsync(new Uri(host.BaseUri, "/_emulator/nodes/1001/offline"), null);
            Assert.Equal(400, (int)last.StatusCode);
            Assert.Contains("last online node", await last.Content.ReadAsStringAsync());
        }
    }

    /// <summary>§11.11: a single node is its own cluster (one node, every slot led by 1001 with replicas [1001]).</summary>
    public sealed class ClusterSingleNodeTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _e;

        public ClusterSingleNodeTests(EmulatorFixture e) => _e = e;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Fact]
        public async Task One_node_leads_all_64_slots_and_has_no_api_url()
        {
            JsonElement nodes = Json((await _e.GetRawAsync("/cluster/nodes")).Body);
            Assert.Equal(1, nodes.GetProperty("total").GetInt32());
            JsonElement node = nodes.GetProperty("data")[0];
            Assert.Equal(1001UL, node.GetProperty("id").GetUInt64());
            Assert.Equal(1, node.GetProperty("is_leader").GetInt32());
            Assert.Equal(1, node.GetProperty("online").GetInt32());
            Assert.Equal(1, node.GetProperty("allow_vote").GetInt32());
            Assert.Equal(64, node.GetProperty("slot_count").GetInt32());
            Assert.Equal(64, node.GetProperty("slot_leader_count").GetInt32());
            Assert.False(node.TryGetProperty("api_server_addr", out _));

            JsonElement slots = Json((await _e.GetRawAsync("/cluster/allslot")).Body);
            Assert.Equal(64, slots.GetProperty("total").GetInt32());
            Assert.All(slots.GetProperty("data").EnumerateArray(), s =>
            {
                Assert.Equal(1001UL, s.GetProperty("leader_id").GetUInt64());
                Assert.Equal("[1001]", s.GetProperty("replicas").GetRawText());
                Assert.Equal("正常", s.GetProperty("status_format").GetString());
            });
            Assert.Equal("", Json((await _e.GetRawAsync("/varz")).Body).GetProperty("api_url").GetString());
        }

        [Fact]
        public async Task Event_sync_relay_fails_without_an_api_url_and_check_log_conflict_is_an_empty_200()
        {
            var (status, body, _) = await _e.PostRawAsync("/cluster/message/eventsync", "{}");
            Assert.Equal(400, status);
            Assert.Equal("Post \"/message/eventsync\": unsupported protocol scheme \"\"", Json(body).GetProperty("msg").GetString());
            var (s2, b2, t2) = await _e.GetRawAsync("/cluster/devtools/checkLogConflict");
            Assert.Equal(200, s2);
            Assert.Equal("", b2);
            Assert.Null(t2);
        }
    }
}
