using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class ClusterNodeApiTests : IClassFixture<ClusterFixture>
    {
        private readonly ClusterFixture _cluster;

        public ClusterNodeApiTests(ClusterFixture cluster) => _cluster = cluster;

        [Fact]
        public async Task Nodes_lists_the_three_nodes_with_their_addresses_uptime_and_english_status()
        {
            using WKClient client = _cluster.NewClient();
            IReadOnlyList<WKNode> nodes = await client.Cluster.GetNodesAsync();
            Assert.Equal(new ulong[] { 1001, 1002, 1003 }, nodes.Select(n => n.NodeId).ToArray());
            Assert.All(nodes, n => Assert.True(n.Online));
            Assert.All(nodes, n => Assert.Equal(WKNodeStatus.Joined, n.Status));
            Assert.All(nodes, n => Assert.NotNull(n.Uptime));
            Assert.All(nodes, n => Assert.True(n.Uptime!.Value >= TimeSpan.Zero && n.Uptime.Value < TimeSpan.FromHours(1)));
            Assert.Single(nodes, n => n.IsLeader);
            // Each node's API address is the listener the fixture started for it.
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(_cluster.NodeUris[i].GetLeftPart(UriPartial.Authority), nodes[i].ApiServerAddr.TrimEnd('/'));
            }
            Assert.Equal(64, nodes.Sum(n => n.SlotLeaderCount));

            IReadOnlyList<WKNode> simple = await client.Cluster.GetSimpleNodesAsync();
            Assert.Equal(3, simple.Count);
            Assert.All(simple, n => Assert.Null(n.Uptime));

            WKNode local = await client.Cluster.GetLocalNodeAsync();
            Assert.Equal(1001UL, local.NodeId);
            // Owned by the client: reused for the address and disposed with it.
            WKClient second = client.ForAddress(_cluster.NodeUris[1]);
            Assert.Same(second, client.ForAddress(_cluster.NodeUris[1]));
            Assert.Equal(1002UL, (await second.Cluster.GetLocalNodeAsync()).NodeId);
        }

        [Fact]
        public async Task Info_reads_the_camel_case_config_where_slot_0_has_no_id_key()
        {
            using WKClient client = _cluster.NewClient();
            WKClusterInfo info = await client.Cluster.GetInfoAsync();
            Assert.Equal(64u, info.SlotCount);
            Assert.Equal(3, info.Nodes.Count);
            Assert.Equal(64, info.Slots.Count);
            Assert.Equal(0u, info.Slots[0].SlotId);
            Assert.Equal(1u, info.Slots[1].SlotId);
            Assert.All(info.Slots, s => Assert.Equal(3, s.Replicas!.Count));
            Assert.All(info.Nodes, n => Assert.NotNull(n.CreatedAt));
        }

        [Fact]
        public async Task Slots_are_spread_over_the_nodes_with_config_and_replicas()
        {
            using WKClient client = _cluster.NewClient();
            IReadOnlyList<WKSlot> slots = await client.Cluster.GetAllSlotsAsync();
            Assert.Equal(64, slots.Count);
            Assert.Equal(Enumerable.Range(0, 64).Select(i => (uint)i), slots.Select(s => s.SlotId));
            Assert.Equal(3, slots.Select(s => s.LeaderId).Distinct().Count());

            IReadOnlyList<WKSlot> some = await client.Cluster.GetSlotsAsync(new uint[] { 5, 7 });
            Assert.Equal(new uint[] { 5, 7 }, some.Select(s => s.SlotId).ToArray());

            WKSlotConfig config = await client.Cluster.GetSlotConfigAsync(5);
            Assert.Equal(5u, config.SlotId);
            Assert.Equal(slots[5].LeaderId, config.LeaderId);

            IReadOnlyList<WKSlotReplica> replicas = await client.Cluster.GetSlotReplicasAsync(5);
            Assert.Equal(3, replicas.Count);
            Assert.Single(replicas, r => r.Role == WKReplicaRole.Leader);
            Assert.Equal(slots[5].LeaderId, replicas.Single(r => r.Role == WKReplicaRole.Leader).ReplicaId);
            Assert.All(replicas, r => Assert.Equal(5u, r.SlotId));

            WKSlotReplica local = await client.Cluster.GetSlotLocalReplicaAsync(5);
            Assert.Equal(1001UL, local.ReplicaId);
        }

        [Fact]
        public async Task Config_of_an_unknown_slot_is_not_found_without_asking_the_route_that_crashes()
        {
            using WKClient client = _cluster.NewClient();
            WKApiException ex = await Assert.ThrowsAsync<WKApiException>(() => client.Cluster.GetSlotConfigAsync(9999));
            Assert.Equal(WKErrorKind.NotFound, ex.Kind);
            Assert.Contains("slot not found", ex.Message);
        }

        [Fact]
        public void Duration_texts_read_as_timespans()
        {
            Assert.True(WKDurationText.TryParse("1d2h3m4s", out TimeSpan a));
            Assert.Equal(new TimeSpan(1, 2, 3, 4), a);
            Assert.True(WKDurationText.TryParse("1h2m3.5s", out TimeSpan b));
            Assert.Equal(TimeSpan.FromSeconds(3723.5), b);
            Assert.True(WKDurationText.TryParse("150ms", out TimeSpan c));
            Assert.Equal(TimeSpan.FromMilliseconds(150), c);
            Assert.False(WKDurationText.TryParse("12 parsecs", out _));
            Assert.Equal("1d2h3m4s", WKDurationText.Format(new TimeSpan(1, 2, 3, 4)));
            Assert.Equal("7s", WKDurationText.Format(TimeSpan.FromSeconds(7)));
        }
    }
}
