using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class ConnectionsApiTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ConnectionsApiTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        [Fact]
        public async Task Listing_pages_through_all_connections_and_exact_uid_drops_substring_matches()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("cx");
            for (int i = 0; i < 5; i++)
            {
                await _emulator.ConnectDeviceAsync(uid, deviceFlag: 2, deviceLevel: 1);
            }
            await _emulator.ConnectDeviceAsync(uid + "-other", deviceFlag: 0);
            await _emulator.ResetStatsAsync();
            var exact = new List<WKConnection>();
            await foreach (WKConnection c in client.Connections.ListConnectionsAsync(uid, exactUid: true, pageSize: 2))
            {
                exact.Add(c);
            }
            Assert.Equal(5, exact.Count);
            Assert.All(exact, c => Assert.Equal(WKDeviceFlag.PC, c.DeviceFlag));
            Assert.All(exact, c => Assert.Equal(WKDeviceLevel.Master, c.DeviceLevel));
            // Six substring matches in pages of two, then the empty page that proves the end.
            Assert.Equal(4, await _emulator.RequestCountAsync("GET /connz"));

            WKConnectionPage page = await client.Connections.GetConnectionsAsync(0, 10, uid, "idDesc");
            Assert.Equal(6, page.Connections!.Length);
            Assert.Equal(page.Connections.Select(c => c.ConnId).OrderByDescending(x => x), page.Connections.Select(c => c.ConnId));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("idDesc")]
        public async Task Closing_each_connection_as_it_is_listed_still_reaches_every_connection(string? sort)
        {
            // Get-WKConnection -Uid u | Disconnect-WKConnection closes each row before the next page is asked for, so the
            // rows still to come move towards the start of the list.
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("drain");
            for (int i = 0; i < 7; i++)
            {
                await _emulator.ConnectDeviceAsync(uid);
            }
            var listed = new List<long>();
            await foreach (WKConnection c in client.Connections.ListConnectionsAsync(uid, exactUid: true, sort: sort, pageSize: 2))
            {
                listed.Add(c.ConnId);
                await client.Connections.RemoveAsync(c.Uid, c.ConnId);
            }
            Assert.Equal(7, listed.Count);
            Assert.Equal(7, listed.Distinct().Count());
            Assert.Empty((await client.Connections.GetConnectionsAsync(uid: uid)).Connections!);
        }

        [Fact]
        public async Task Kick_and_remove_close_connections_and_bad_input_is_refused_locally()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("kick");
            long a = await _emulator.ConnectDeviceAsync(uid);
            long b = await _emulator.ConnectDeviceAsync(uid);
            await client.Connections.KickAsync(uid, a);
            await client.Connections.RemoveAsync(uid, b, nodeId: 1001, operationNodeId: 1001);
            Assert.Empty((await client.Connections.GetConnectionsAsync(uid: uid)).Connections!);

            Assert.Equal("WKInvalidConnId", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Connections.KickAsync(uid, 0))).ErrorId);
            Assert.Equal("WKInvalidOffset", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Connections.GetConnectionsAsync(offset: -1))).ErrorId);
            Assert.Equal("WKInvalidSort", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Connections.GetConnectionsAsync(sort: "pendingBytes"))).ErrorId);
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Connections.KickAsync(uid, 5, operationNodeId: 42));
            Assert.Equal("node not found", ex.ServerMessage);
        }
    }
}
