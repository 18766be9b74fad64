using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>Fan-out over the nodes of a 3-node emulator: each node's own connections, and offline nodes as errors.</summary>
    public sealed class ClusterFanOutTests : IClassFixture<ClusterFixture>
    {
        private readonly ClusterFixture _cluster;

        public ClusterFanOutTests(ClusterFixture cluster) => _cluster = cluster;

        private static async Task<List<WKNodeResult<List<WKConnection>>>> ConnectionsOfAllNodesAsync(WKClient client, string uid)
        {
            var results = new List<WKNodeResult<List<WKConnection>>>();
            await foreach (WKNodeResult<List<WKConnection>> result in client.Cluster.ForEachNodeAsync(async (target, ct) =>
            {
                var rows = new List<WKConnection>();
                await foreach (WKConnection c in target.Client.Connections.ListConnectionsAsync(uid, exactUid: true, nodeId: target.NodeId, cancellationToken: ct))
                {
                    rows.Add(c);
                }
                return rows;
            }, throttleLimit: 2))
            {
                results.Add(result);
            }
            return results;
        }

        [Fact]
        public async Task Every_node_answers_with_its_own_connections()
        {
            string uid = ClusterFixture.NewId("fan");
            var ids = new Dictionary<ulong, long>();
            foreach (ulong node in new ulong[] { 1001, 1002, 1003 })
            {
                ids[node] = await _cluster.ConnectDeviceAsync(node, uid);
            }
            using WKClient client = _cluster.NewClient();
            List<WKNodeResult<List<WKConnection>>> results = await ConnectionsOfAllNodesAsync(client, uid);
            Assert.Equal(new ulong[] { 1001, 1002, 1003 }, results.Select(r => r.NodeId).ToArray());
            foreach (WKNodeResult<List<WKConnection>> result in results)
            {
                Assert.True(result.Succeeded, result.Error?.ToString());
                WKConnection only = Assert.Single(result.Value!);
                Assert.Equal(ids[result.NodeId], only.ConnId);
                Assert.Equal(result.NodeId, only.NodeId);
            }
            // One node alone sees only its share: the reason for the fan-out.
            var single = new List<WKConnection>();
            await foreach (WKConnection c in client.Connections.ListConnectionsAsync(uid, exactUid: true))
            {
                single.Add(c);
            }
            Assert.Single(single);
        }

        [Fact]
        public async Task An_offline_node_is_an_error_result_and_the_other_nodes_still_answer()
        {
            string uid = ClusterFixture.NewId("off");
            foreach (ulong node in new ulong[] { 1001, 1002, 1003 })
            {
                await _cluster.ConnectDeviceAsync(node, uid);
            }
            using WKClient client = _cluster.NewClient();
            await _cluster.SetOnlineAsync(1002, false);
            try
            {
                List<WKNodeResult<List<WKConnection>>> results = await ConnectionsOfAllNodesAsync(client, uid);
                Assert.Equal(3, results.Count);
                WKNodeResult<List<WKConnection>> down = results.Single(r => r.NodeId == 1002);
                WKNodeUnavailableException ex = Assert.IsType<WKNodeUnavailableException>(down.Error);
                Assert.Equal(WKNodeUnavailableReason.Offline, ex.Reason);
                Assert.Equal(1002UL, ex.NodeId);
                Assert.All(results.Where(r => r.NodeId != 1002), r => Assert.Single(r.Value!));
            }
            finally
            {
                await _cluster.SetOnlineAsync(1002, true);
            }
        }

        [Fact]
        public async Task A_node_reported_online_whose_address_fails_is_unreachable_not_missing()
        {
            using WKClient client = _cluster.NewClient();
            var results = new List<WKNodeResult<int>>();
            int calls = 0;
            await foreach (WKNodeResult<int> r in client.Cluster.ForEachNodeAsync<int>((target, ct) =>
            {
                System.Threading.Interlocked.Increment(ref calls);
                if (target.NodeId == 1003)
                {
                    throw new WKApiException(WKErrorKind.ConnectionFailed, "GET", "/connz", null, null, null, "refused");
                }
                return Task.FromResult((int)target.NodeId);
            }))
            {
                results.Add(r);
            }
            Assert.Equal(3, calls);
            Assert.Equal(WKNodeUnavailableReason.Unreachable, Assert.IsType<WKNodeUnavailableException>(results[2].Error).Reason);
            Assert.Equal(1001, results[0].Value);
        }
    }
}
