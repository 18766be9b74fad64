using System;
using System.IO;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>Issue 12 items 14 (a block renewed between Sync's plan and its lift) and 10 (null shapes of the state file).</summary>
    public sealed class BlockSafetyTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorFixture _emulator;
        private readonly string _statePath = Path.Combine(Path.GetTempPath(), "wk-block-safety-" + Guid.NewGuid().ToString("N") + ".json");

        public BlockSafetyTests(EmulatorFixture emulator) => _emulator = emulator;

        public void Dispose() => File.Delete(_statePath);

        [Fact]
        public async Task A_block_renewed_after_the_sync_plan_is_not_lifted()
        {
            string uid = EmulatorFixture.NewId("renew");
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using var client = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });
            var store = new WKBlockStateStore(_statePath);
            var manager = new WKUserBlockManager(client, store, () => now);
            await manager.BlockAsync(uid, now.AddMinutes(1), "first", null, default);

            // Two minutes later the block has expired: the plan says Lift.
            now = now.AddMinutes(2);
            var steps = await manager.PlanSyncAsync(reapply: true, default);
            WKBlockSyncStep step = Assert.Single(steps, s => s.Record.Uid == uid);
            Assert.Equal(WKBlockSyncAction.Lift, step.Action);

            // Before the lift runs, another admin renews the block for a day.
            await manager.BlockAsync(uid, now.AddDays(1), "renewed", null, default);
            WKUserBlockResult result = await manager.ExecuteAsync(step, default);

            Assert.Equal("Kept", result.Action);
            Assert.True(result.Banned);
            Assert.NotNull(store.GetBlock(manager.Server, uid));
            WKChannel? channel = await client.Channels.GetChannelAsync(uid, WKChannelType.Person, default);
            Assert.True(channel!.Ban);
        }

        [Theory]
        [InlineData("{\"version\":1,\"servers\":null}")]
        [InlineData("{\"version\":1,\"servers\":{\"SERVER\":null}}")]
        [InlineData("{\"version\":1,\"servers\":{\"SERVER\":{\"blocks\":{\"u1\":null}}}}")]
        [InlineData("{\"version\":1,\"servers\":{\"SERVER\":{\"blocks\":{},\"personFlags\":{\"u1\":null}}}}")]
        public async Task Null_shapes_of_the_state_file_are_a_state_file_error_and_nothing_is_sent(string json)
        {
            using var client = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });
            var store = new WKBlockStateStore(_statePath);
            var manager = new WKUserBlockManager(client, store, () => DateTimeOffset.UtcNow);
            File.WriteAllText(_statePath, json.Replace("SERVER", manager.Server.Replace("\\", "\\\\").Replace("\"", "\\\"")));
            string before = File.ReadAllText(_statePath);
            await _emulator.ResetStatsAsync();
            await Assert.ThrowsAsync<WKStateFileException>(() => manager.BlockAsync(EmulatorFixture.NewId("nul"), null, null, null, default));
            await Assert.ThrowsAsync<WKStateFileException>(() => manager.PlanSyncAsync(true, default));
            Assert.Equal(0, await _emulator.TotalRequestsAsync());
            Assert.Equal(before, File.ReadAllText(_statePath));
        }
    }
}
