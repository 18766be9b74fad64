using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>Channel raft groups, node channel listings, channel run status and raft logs on a 3-node emulator.</summary>
    public sealed class ClusterChannelApiTests : IClassFixture<ClusterFixture>
    {
        private readonly ClusterFixture _cluster;

        public ClusterChannelApiTests(ClusterFixture cluster) => _cluster = cluster;

        private static async Task<string> ActiveChannelAsync(WKClient client)
        {
            string id = ClusterFixture.NewId("cc");
            await client.Messages.SendAsync(new WKSendMessage { ChannelId = id, ChannelType = WKChannelType.Group, FromUid = "u1", Payload = Encoding.UTF8.GetBytes("hi") });
            return id;
        }

        [Fact]
        public async Task Channel_config_is_read_from_the_slot_leader_whichever_node_is_asked()
        {
            using WKClient client = _cluster.NewClient();
            string id = await ActiveChannelAsync(client);
            IReadOnlyList<WKSlot> slots = await client.Cluster.GetAllSlotsAsync();
            ulong leader = slots[(int)ClusterApi.SlotOf(id, slots.Count)].LeaderId;
            foreach (Uri node in _cluster.NodeUris)
            {
                WKChannelClusterConfig config = await client.ForAddress(node).Cluster.GetChannelConfigAsync(id, WKChannelType.Group);
                Assert.Equal(id, config.ChannelId);
                Assert.Equal(WKChannelType.Group, config.ChannelType);
                Assert.Equal(3, config.Replicas.Count);
                Assert.Contains(config.LeaderId, config.Replicas);
                Assert.NotNull(config.CreatedAt);
            }
            Assert.NotEqual(0UL, leader);

            WKApiException notActive = await Assert.ThrowsAsync<WKApiException>(() => client.Cluster.GetChannelConfigAsync(ClusterFixture.NewId("none"), WKChannelType.Group));
            Assert.Equal("not found", notActive.ServerMessage);
        }

        [Fact]
        public async Task Replicas_have_roles_and_the_local_replica_is_the_node_asked()
        {
            using WKClient client = _cluster.NewClient();
            string id = await ActiveChannelAsync(client);
            IReadOnlyList<WKChannelReplica> replicas = await client.Cluster.GetChannelReplicasAsync(id, WKChannelType.Group);
            Assert.Equal(3, replicas.Count);
            Assert.Single(replicas, r => r.Role == WKReplicaRole.Leader);
            Assert.All(replicas, r => Assert.Equal(id, r.ChannelId));
            Assert.All(replicas, r => Assert.Equal(1UL, r.LastMsgSeq));

            WKChannelReplica local = await client.ForAddress(_cluster.NodeUris[2]).Cluster.GetChannelLocalReplicaAsync(id, WKChannelType.Group);
            Assert.Equal(1003UL, local.ReplicaId);
        }

        [Fact]
        public async Task Node_channels_list_the_groups_led_from_each_node_and_status_says_what_runs()
        {
            using WKClient client = _cluster.NewClient();
            string id = await ActiveChannelAsync(client);
            var found = new List<WKNodeChannel>();
            foreach (ulong node in new ulong[] { 1001, 1002, 1003 })
            {
                await foreach (WKNodeChannel row in client.Cluster.ListNodeChannelsAsync(node, pageSize: 2))
                {
                    Assert.Equal(node, row.NodeId);
                    if (row.ChannelId == id)
                    {
                        found.Add(row);
                    }
                }
            }
            WKNodeChannel mine = Assert.Single(found);
            Assert.Equal(1UL, mine.LastMessageSeq);
            Assert.NotNull(mine.LastAppendTime);
            Assert.True(mine.LastAppendTime!.Value < TimeSpan.FromMinutes(10));

            await Assert.ThrowsAsync<WKInvalidInputException>(async () =>
            {
                await foreach (WKNodeChannel _ in client.Cluster.ListNodeChannelsAsync(1001, channelId: id))
                {
                }
            });

            IReadOnlyList<WKChannelRunStatus> status = await client.Cluster.GetChannelStatusAsync(new[] { new KeyValuePair<string, WKChannelType>(id, WKChannelType.Group) });
            Assert.Equal(id, Assert.Single(status).ChannelId);
            Assert.Equal(1UL, status[0].LastMsgSeq);
        }

        [Fact]
        public async Task Logs_always_name_a_node_and_page_back_without_repeats()
        {
            using WKClient client = _cluster.NewClient();
            // No node given: the client asks which node answers rather than letting the server crash.
            WKClusterLogPage page = await client.Cluster.GetLogsAsync(limit: 2);
            Assert.All(page.Logs, l => Assert.Equal(1001UL, l.NodeId));
            var all = new List<WKClusterLog>();
            await foreach (WKClusterLog log in client.Cluster.ListLogsAsync(1002, pageSize: 2))
            {
                all.Add(log);
            }
            Assert.NotEmpty(all);
            Assert.Equal(all.Count, all.Select(l => l.Index).Distinct().Count());
            Assert.Equal(all.Select(l => l.Index).OrderByDescending(i => i), all.Select(l => l.Index));
            Assert.All(all, l => Assert.Equal(1002UL, l.NodeId));

            // An unknown node would crash the server: refused before /cluster/logs is asked.
            WKInvalidInputException unknown = await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Cluster.GetLogsAsync(4242));
            Assert.Equal("WKInvalidNodeId", unknown.ErrorId);
        }

        [Fact]
        public async Task The_log_conflict_check_reports_that_no_check_ran_when_the_server_answers_empty()
        {
            using WKClient client = _cluster.NewClient();
            WKClusterLogConflictCheck result = await client.Cluster.CheckLogConflictAsync(WKClusterLogType.Slot, 5);
            Assert.False(result.Checked);
            Assert.Null(result.Response);
            Assert.Equal(WKClusterLogType.Slot, result.LogType);
            Assert.Equal(5UL, result.StartLogIndex);
        }

        [Fact]
        public async Task Events_read_through_the_cluster_relay_match_the_direct_route()
        {
            using WKClient client = _cluster.NewClient();
            string id = ClusterFixture.NewId("ev");
            WKSendResult sent = await client.Messages.SendAsync(new WKSendMessage { ChannelId = id, ChannelType = WKChannelType.Group, FromUid = "bot", Payload = Encoding.UTF8.GetBytes("..."), IsStream = true });
            await client.Messages.AddEventAsync(new WKMessageEventRequest
            {
                ChannelId = id, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo, EventType = "stream.delta", PayloadJson = "{\"kind\":\"text\",\"delta\":\"relay\"}",
            });
            await client.Messages.AddEventAsync(new WKMessageEventRequest { ChannelId = id, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo, EventType = "stream.close" });
            var query = new WKMessageEventQuery { ChannelId = id, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo };
            WKMessageEventPage direct = await client.Messages.SyncEventsAsync(query);
            query.ViaCluster = true;
            WKMessageEventPage relayed = await client.Messages.SyncEventsAsync(query);
            Assert.NotEmpty(direct.Events);
            Assert.Equal(direct.Events.Select(e => e.EventKey + "=" + e.MsgEventSeq + "=" + e.Text), relayed.Events.Select(e => e.EventKey + "=" + e.MsgEventSeq + "=" + e.Text));
        }

        [Fact]
        public async Task Channel_start_stop_and_replica_move_need_the_admin_and_report_refusals()
        {
            using WKClient reader = _cluster.NewClient(ClusterFixture.Reader, ClusterFixture.ReaderPassword);
            string id = await ActiveChannelAsync(reader);
            WKClusterRefusedException denied = await Assert.ThrowsAsync<WKClusterRefusedException>(() => reader.Cluster.StopChannelAsync(id, WKChannelType.Group));
            Assert.Equal(WKClusterRefusal.PermissionDenied, denied.Reason);

            using WKClient admin = _cluster.NewAdminClient();
            await admin.Cluster.StopChannelAsync(id, WKChannelType.Group);
            await admin.Cluster.StartChannelAsync(id, WKChannelType.Group);
            WKChannelClusterConfig config = await admin.Cluster.GetChannelConfigAsync(id, WKChannelType.Group);
            ulong outside = new ulong[] { 1001, 1002, 1003 }.Except(config.Replicas).DefaultIfEmpty(4242UL).First();
            WKClusterRefusedException notIn = await Assert.ThrowsAsync<WKClusterRefusedException>(() =>
                admin.Cluster.MigrateChannelReplicaAsync(id, WKChannelType.Group, outside, config.LeaderId));
            Assert.Equal(WKClusterRefusal.NotInReplicas, notIn.Reason);
        }
    }
}
