using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.PowerShell;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>A clock a test moves by hand, so "lifted after it expires and not before" is deterministic.</summary>
    internal sealed class ManualClock
    {
        public DateTimeOffset Now { get; set; } = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    }

    /// <summary>A state file in a fresh temp folder, deleted afterwards.</summary>
    internal sealed class TempState : IDisposable
    {
        public TempState() => Directory.CreateDirectory(Folder);

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wk-state-" + Guid.NewGuid().ToString("N"));
        public string File => Path.Combine(Folder, "state.json");

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    public sealed class UserBulkTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public UserBulkTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        [Theory]
        [InlineData(1000, 10)]
        [InlineData(300, 34)]
        public async Task Ten_thousand_uids_for_online_status_cost_ceil_n_over_batch_requests_and_give_a_row_each(int batchSize, int requests)
        {
            using WKClient client = NewClient();
            string prefix = EmulatorFixture.NewId("os");
            await _emulator.ConnectDeviceAsync(prefix + "7", deviceFlag: 2);
            await _emulator.ResetStatsAsync();
            UidBatchRunner<WKOnlineStatus> runner = WKUserBatches.OnlineStatus(client, batchSize);
            IReadOnlyList<WKOnlineStatus> rows = await runner.RunAsync(Enumerable.Range(0, 10_000).Select(i => prefix + i));
            Assert.Equal(requests, await _emulator.RequestCountAsync("POST /user/onlinestatus"));
            Assert.Equal(10_000, rows.Count);
            Assert.Equal(new[] { WKDeviceFlag.PC }, rows.Single(r => r.Online).DeviceFlags);
            Assert.Equal(prefix + "7", rows.Single(r => r.Online).Uid);
        }

        [Fact]
        public async Task Online_status_gives_each_uid_once_even_when_a_repeat_falls_into_a_later_batch()
        {
            // The help promises one row per uid asked, each uid once; a repeat inside one batch was folded, a repeat in a
            // later batch gave a second row, so the output depended on -BatchSize.
            using WKClient client = NewClient();
            string a = EmulatorFixture.NewId("dupa"), b = EmulatorFixture.NewId("dupb");
            await _emulator.ConnectDeviceAsync(a);
            IReadOnlyList<WKOnlineStatus> rows = await WKUserBatches.OnlineStatus(client, 2).RunAsync(new[] { a, b, a, b, a });
            Assert.Equal(new[] { a, b }, rows.Select(r => r.Uid));
            Assert.True(rows[0].Online);
        }

        [Fact]
        public async Task Ten_thousand_system_users_cost_ten_requests_and_report_every_uid()
        {
            using WKClient client = NewClient();
            string prefix = EmulatorFixture.NewId("sys");
            var uids = Enumerable.Range(0, 10_000).Select(i => prefix + i).ToList();
            await _emulator.ResetStatsAsync();
            IReadOnlyList<WKBulkItemResult> added = await WKUserBatches.SystemUsers(client, 1000, add: true).RunAsync(uids);
            Assert.Equal(10, await _emulator.RequestCountAsync("POST /user/systemuids_add"));
            Assert.Equal(uids, added.Select(r => r.Uid));
            Assert.All(added, r => Assert.Equal(WKBulkItemStatus.Succeeded, r.Status));
            Assert.Equal(10_000, (await client.Users.GetSystemUidsAsync()).Count(u => u.StartsWith(prefix, StringComparison.Ordinal)));

            await WKUserBatches.SystemUsers(client, 1000, add: false).RunAsync(uids);
            Assert.Equal(10, await _emulator.RequestCountAsync("POST /user/systemuids_remove"));
            Assert.DoesNotContain(await client.Users.GetSystemUidsAsync(), u => u.StartsWith(prefix, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("", "WKUidEmpty")]
        [InlineData("a@b", "WKUidSpecialCharacter")]
        [InlineData("a#b", "WKUidSpecialCharacter")]
        [InlineData("a&b", "WKUidSpecialCharacter")]
        public void A_bad_uid_is_refused_alone_and_the_batch_goes_on(string bad, string errorId)
        {
            var runner = new UidBatchRunner<string>(2, (chunk, ct) => Task.FromResult<IReadOnlyList<string>>(chunk.ToList()));
            Assert.Null(runner.Add("ok1"));
            var ex = Assert.Throws<WKInvalidInputException>(() => runner.Add(bad));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(new[] { "ok1", "ok2" }, runner.Add("ok2"));

            WKErrorInfo info = WKErrorMapper.Map(ex, bad);
            Assert.Equal(errorId, info.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, info.Category);
            Assert.Equal(bad, info.TargetObject);
        }

        [Fact]
        public void Unknown_device_flags_map_to_their_own_error_id()
        {
            var ex = Assert.Throws<WKInvalidInputException>(() => WKInputRules.DeviceFlag((WKDeviceFlag)7));
            Assert.Equal("WKInvalidDeviceFlag", WKErrorMapper.Map(ex, 7).ErrorId);
            Assert.Equal(WKDeviceFlag.All, WKInputRules.QuitDeviceFlag(WKDeviceFlag.All));
            Assert.Throws<WKInvalidInputException>(() => WKInputRules.DeviceFlag(WKDeviceFlag.All));
        }

        [Fact]
        public void Every_user_management_error_id_is_documented()
        {
            string about = File.ReadAllText(Path.Combine(RepoPaths.DocsDirectory, "about_WuKongIM_Errors.md"));
            string[] ids =
            {
                "WKUidEmpty", "WKUidSpecialCharacter", "WKSystemUidToken", "WKTokenEmpty", "WKInvalidDeviceFlag", "WKInvalidDeviceLevel",
                "WKInvalidPageSize", "WKInvalidOffset", "WKInvalidSort", "WKInvalidConnId", "WKInvalidBlockEnd", "WKDeviceNotFound",
                "WKUserNotFound", "WKStateFileError",
            };
            Assert.DoesNotContain(ids, id => !about.Contains("| " + id + " ", StringComparison.Ordinal));
        }

        [Fact]
        public void Owner_batches_group_by_owner_and_flush_full_chunks()
        {
            var batch = new OwnerBatch(2);
            Assert.Null(batch.Add("alice", "b1", "Uid", "BlockedUid"));
            Assert.Null(batch.Add("bob", "c1", "Uid", "BlockedUid"));
            KeyValuePair<string, IReadOnlyList<string>>? full = batch.Add("alice", "b2", "Uid", "BlockedUid");
            Assert.Equal("alice", full!.Value.Key);
            Assert.Equal(new[] { "b1", "b2" }, full.Value.Value);
            var rest = batch.Drain();
            Assert.Equal("bob", Assert.Single(rest).Key);
            Assert.Equal("WKUidSpecialCharacter", Assert.Throws<WKInvalidInputException>(() => batch.Add("alice", "x@y", "Uid", "BlockedUid")).ErrorId);
        }

        [Fact]
        public void Paging_window_skips_then_takes_first()
        {
            var window = new PagingWindow(2, 3);
            bool[] taken = Enumerable.Range(0, 8).Select(_ => window.Take()).ToArray();
            Assert.Equal(new[] { false, false, true, true, true, false, false, false }, taken);
            Assert.True(window.Done);
        }

        [Fact]
        public async Task Tokens_never_reach_the_request_log()
        {
            using WKClient client = NewClient();
            var sink = new ListSink();
            WKUserToken token;
            using (WKRequestLog.BeginScope(sink))
            {
                token = await client.Users.RegisterAsync(EmulatorFixture.NewId("log"));
                await client.Users.SetTokenAsync(token.Uid, "visible-only-in-body-7781");
            }
            Assert.NotEmpty(sink.Lines);
            Assert.DoesNotContain(sink.Lines, l => l.Contains(token.Token, StringComparison.Ordinal) || l.Contains("visible-only-in-body-7781", StringComparison.Ordinal));
        }

        private sealed class ListSink : IWKRequestLogSink
        {
            public List<string> Lines { get; } = new List<string>();
            public void Write(WKRequestLogEntry entry) { lock (Lines) Lines.Add(entry.ToString()); }
        }
    }

    public sealed class UserBlockTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public UserBlockTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        private static async Task<bool> BannedAsync(WKClient client, string uid) =>
            (await client.Channels.GetChannelAsync(uid, WKChannelType.Person, default))?.Ban == true;

        [Fact]
        public async Task A_block_with_a_duration_is_lifted_by_sync_after_it_expires_and_not_before()
        {
            using WKClient client = NewClient();
            using var state = new TempState();
            var clock = new ManualClock();
            var manager = new WKUserBlockManager(client, new WKBlockStateStore(state.File), () => clock.Now);
            string uid = EmulatorFixture.NewId("blk");
            await client.Users.RegisterAsync(uid, WKDeviceFlag.App);
            await _emulator.ConnectDeviceAsync(uid, deviceFlag: 0);
            await _emulator.ConnectDeviceAsync(uid, deviceFlag: 1); // no device record: only the kick closes it

            DateTimeOffset? until = manager.ResolveUntil(TimeSpan.FromHours(1), null);
            WKUserBlockResult blocked = await manager.BlockAsync(uid, until, "spam", "tester", default);
            Assert.Equal("Blocked", blocked.Action);
            Assert.Equal(clock.Now.AddHours(1), blocked.Until);
            Assert.Equal(1, blocked.ConnectionsClosed);
            Assert.Contains(blocked.Warnings, w => w.Contains("send_ban", StringComparison.Ordinal));
            Assert.True(await BannedAsync(client, uid));
            Assert.False((await client.Users.GetOnlineStatusAsync(new[] { uid })).Single().Online);
            Assert.False((await client.Users.GetDevicesAsync(uid)).Single().HasToken);
            Assert.Equal(19, (await Assert.ThrowsAsync<WKApiException>(() => client.Users.SetTokenAsync(uid, "new"))).ServerStatus);

            clock.Now = clock.Now.AddMinutes(59);
            var steps = await manager.PlanSyncAsync(reapply: true, default);
            Assert.Equal(WKBlockSyncAction.Keep, Assert.Single(steps, s => s.Record.Uid == uid).Action);
            foreach (var step in steps) await manager.ExecuteAsync(step, default);
            Assert.True(await BannedAsync(client, uid));

            clock.Now = clock.Now.AddMinutes(1);
            steps = await manager.PlanSyncAsync(reapply: true, default);
            WKUserBlockResult lifted = await manager.ExecuteAsync(Assert.Single(steps, s => s.Record.Uid == uid), default);
            Assert.Equal("Lifted", lifted.Action);
            Assert.False(await BannedAsync(client, uid));
            Assert.Empty(new WKBlockStateStore(state.File).GetBlocks(manager.Server));
            await client.Users.SetTokenAsync(uid, "works-again");
        }

        [Fact]
        public async Task A_block_without_end_is_never_lifted_and_a_dropped_ban_is_reapplied_unless_switched_off()
        {
            using WKClient client = NewClient();
            using var state = new TempState();
            var clock = new ManualClock();
            var manager = new WKUserBlockManager(client, new WKBlockStateStore(state.File), () => clock.Now);
            string uid = EmulatorFixture.NewId("perm");
            await manager.BlockAsync(uid, null, null, "tester", default);
            clock.Now = clock.Now.AddYears(5);

            // Another tool rewrites the person channel's flags and drops the ban.
            await client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = uid, ChannelType = WKChannelType.Person }, default);
            var report = await manager.PlanSyncAsync(reapply: false, default);
            Assert.Equal(WKBlockSyncAction.BanMissing, Assert.Single(report, s => s.Record.Uid == uid).Action);
            Assert.False(await BannedAsync(client, uid));

            var steps = await manager.PlanSyncAsync(reapply: true, default);
            WKBlockSyncStep step = Assert.Single(steps, s => s.Record.Uid == uid);
            Assert.Equal(WKBlockSyncAction.Reapply, step.Action);
            Assert.Equal("Reapplied", (await manager.ExecuteAsync(step, default)).Action);
            Assert.True(await BannedAsync(client, uid));
            Assert.Single(new WKBlockStateStore(state.File).GetBlocks(manager.Server));
        }

        [Fact]
        public async Task Block_keeps_disband_and_the_flags_the_module_remembers_and_unblock_removes_the_record()
        {
            using WKClient client = NewClient();
            using var state = new TempState();
            var store = new WKBlockStateStore(state.File);
            var manager = new WKUserBlockManager(client, store, () => DateTimeOffset.UtcNow);
            string uid = EmulatorFixture.NewId("keep");
            await client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = uid, ChannelType = WKChannelType.Person, Disband = true }, default);
            await manager.BlockAsync(uid, null, null, null, default);
            WKChannel? channel = await client.Channels.GetChannelAsync(uid, WKChannelType.Person, default);
            Assert.True(channel!.Ban);
            Assert.True(channel.Disband);

            // Once the module has sent the flags, it knows them: no more warning.
            WKUserBlockResult unblocked = await manager.UnblockAsync(uid, default);
            Assert.Empty(unblocked.Warnings);
            Assert.False(await BannedAsync(client, uid));
            Assert.True((await client.Channels.GetChannelAsync(uid, WKChannelType.Person, default))!.Disband);
            Assert.Null(store.GetBlock(manager.Server, uid));
        }

        [Fact]
        public async Task Blocked_users_merge_server_bans_with_module_records()
        {
            using WKClient client = NewClient();
            using var state = new TempState();
            var clock = new ManualClock();
            var manager = new WKUserBlockManager(client, new WKBlockStateStore(state.File), () => clock.Now);
            string recorded = EmulatorFixture.NewId("rec");
            string foreign = EmulatorFixture.NewId("foreign");
            await manager.BlockAsync(recorded, clock.Now.AddMinutes(5), "abuse", "admin", default);
            await client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = foreign, ChannelType = WKChannelType.Person, Ban = true }, default);
            clock.Now = clock.Now.AddMinutes(10);

            IReadOnlyList<WKBlockedUser> blocked = await manager.GetBlockedAsync(2, default);
            WKBlockedUser a = Assert.Single(blocked, b => b.Uid == recorded);
            Assert.True(a.BannedOnServer && a.Recorded && a.Expired);
            Assert.Equal("abuse", a.Reason);
            Assert.Equal("admin", a.BlockedBy);
            WKBlockedUser f = Assert.Single(blocked, b => b.Uid == foreign);
            Assert.True(f.BannedOnServer);
            Assert.False(f.Recorded);
            Assert.Null(f.Until);
        }

        [Fact]
        public void Block_end_times_must_be_in_the_future_and_not_both_given()
        {
            using WKClient client = NewClient();
            using var state = new TempState();
            var clock = new ManualClock();
            var manager = new WKUserBlockManager(client, new WKBlockStateStore(state.File), () => clock.Now);
            Assert.Equal("WKInvalidBlockEnd", Assert.Throws<WKInvalidInputException>(() => manager.ResolveUntil(TimeSpan.Zero, null)).ErrorId);
            Assert.Throws<WKInvalidInputException>(() => manager.ResolveUntil(null, clock.Now.AddSeconds(-1)));
            Assert.Throws<WKInvalidInputException>(() => manager.ResolveUntil(TimeSpan.FromHours(1), clock.Now.AddHours(2)));
            Assert.Null(manager.ResolveUntil(null, null));
        }

        [Fact]
        public void The_state_file_keeps_servers_apart_and_is_never_overwritten_when_unreadable()
        {
            using var state = new TempState();
            var store = new WKBlockStateStore(state.File);
            store.SetBlock("http://a:5001", new WKBlockRecord { Uid = "u1", Reason = "r" }, new WKPersonFlags { SendBan = true });
            store.SetBlock("http://b:5001", new WKBlockRecord { Uid = "u2" }, new WKPersonFlags());
            Assert.Equal("u1", Assert.Single(store.GetBlocks("http://a:5001")).Uid);
            Assert.True(store.GetFlags("http://a:5001", "u1")!.SendBan);
            Assert.Null(store.GetFlags("http://b:5001", "u1"));

            File.WriteAllText(state.File, "{ not json");
            var ex = Assert.Throws<WKStateFileException>(() => store.SetBlock("http://a:5001", new WKBlockRecord { Uid = "u3" }, new WKPersonFlags()));
            Assert.Equal("WKStateFileError", WKErrorMapper.Map(ex, null).ErrorId);
            Assert.Equal("{ not json", File.ReadAllText(state.File));
        }

        [Fact]
        public void The_state_path_comes_from_the_environment_variable_then_local_app_data()
        {
            Assert.Equal("/x/y.json", WKBlockStateStore.DefaultPath(name => name == "WUKONGIM_STATE_PATH" ? "/x/y.json" : null));
            string fallback = WKBlockStateStore.DefaultPath(_ => null);
            Assert.EndsWith(Path.Combine("WuKongIM", "state.json"), fallback, StringComparison.Ordinal);
            Assert.Equal("http://host:5001", WKBlockStateStore.ServerKey(new Uri("http://HOST:5001/")));
        }
    }

    public sealed class UserTokenAndListTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public UserTokenAndListTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        [Fact]
        public async Task Reset_rotates_existing_devices_keeps_their_level_and_can_disconnect()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("rot");
            WKUserToken oldWeb = await client.Users.RegisterAsync(uid, WKDeviceFlag.Web, WKDeviceLevel.Master);
            await client.Users.RegisterAsync(uid, WKDeviceFlag.App);
            await _emulator.ConnectDeviceAsync(uid, deviceFlag: 1);
            await _emulator.ConnectDeviceAsync(uid, deviceFlag: 0);
            var ops = new WKTokenOperations(client);

            IReadOnlyList<WKUserToken> rotated = await ops.ResetAsync(uid, new[] { WKDeviceFlag.Web }, disconnect: true, default);
            WKUserToken web = Assert.Single(rotated);
            Assert.NotEqual(oldWeb.Token, web.Token);
            Assert.Equal(WKDeviceLevel.Master, web.DeviceLevel);
            IReadOnlyList<WKDevice> devices = await client.Users.GetDevicesAsync(uid, includeToken: true);
            Assert.Equal(web.Token, devices.Single(d => d.DeviceFlag == WKDeviceFlag.Web).Token);
            Assert.Equal(new[] { WKDeviceFlag.App }, (await client.Users.GetOnlineStatusAsync(new[] { uid })).Single().DeviceFlags);

            Assert.Equal(2, (await ops.ResetAsync(uid, null, disconnect: false, default)).Count);
            var missing = await Assert.ThrowsAsync<WKUserManagementException>(() => ops.ResetAsync(uid, new[] { WKDeviceFlag.PC }, false, default));
            Assert.Equal("WKDeviceNotFound", missing.ErrorId);
        }

        [Fact]
        public async Task Tokens_already_set_are_handed_back_when_a_later_step_of_the_rotation_fails()
        {
            // The new token is on the server once /user/token succeeded; if the kick that follows fails (here /connz
            // answers 503, as a server without /connz answers 404) and the token is not returned, nobody can ever use it.
            using var client = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri, MaximumRetryCount = 0 });
            string uid = EmulatorFixture.NewId("rotfail");
            await client.Users.RegisterAsync(uid, WKDeviceFlag.Web);
            await client.Users.RegisterAsync(uid, WKDeviceFlag.PC);
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 503, path_prefix = "/connz" });
            WKTokenRotationException partial;
            try
            {
                partial = await Assert.ThrowsAsync<WKTokenRotationException>(() => new WKTokenOperations(client).ResetAsync(uid, null, disconnect: true, default));
            }
            finally
            {
                await _emulator.ClearFaultsAsync();
            }
            WKUserToken issued = Assert.Single(partial.Issued);
            IReadOnlyList<WKDevice> devices = await client.Users.GetDevicesAsync(uid, includeToken: true);
            Assert.Equal(devices.Single(d => d.DeviceFlag == issued.DeviceFlag).Token, issued.Token);
            Assert.Equal(WKErrorKind.Unavailable, Assert.IsType<WKApiException>(partial.InnerException).Kind);
            Assert.DoesNotContain(issued.Token, partial.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Revoke_issued_before_only_quits_devices_whose_token_is_older()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("rev");
            await client.Users.RegisterAsync(uid, WKDeviceFlag.App);
            await Task.Delay(30);
            DateTimeOffset cut = DateTimeOffset.UtcNow;
            await Task.Delay(30);
            await client.Users.RegisterAsync(uid, WKDeviceFlag.PC);
            var ops = new WKTokenOperations(client);

            IReadOnlyList<WKUserResult> revoked = await ops.RevokeAsync(uid, WKDeviceFlag.All, cut, default);
            Assert.Equal(WKDeviceFlag.App, Assert.Single(revoked).DeviceFlag);
            IReadOnlyList<WKDevice> devices = await client.Users.GetDevicesAsync(uid);
            Assert.False(devices.Single(d => d.DeviceFlag == WKDeviceFlag.App).HasToken);
            Assert.True(devices.Single(d => d.DeviceFlag == WKDeviceFlag.PC).HasToken);

            await ops.RevokeAsync(uid, WKDeviceFlag.All, null, default);
            Assert.All(await client.Users.GetDevicesAsync(uid), d => Assert.False(d.HasToken));
        }

        [Theory]
        [InlineData(WKUserListKind.Blocklist)]
        [InlineData(WKUserListKind.Allowlist)]
        public async Task Person_lists_add_get_remove_set_and_clear(WKUserListKind kind)
        {
            using WKClient client = NewClient();
            var lists = new WKUserListOperations(client);
            string owner = EmulatorFixture.NewId("own");
            IReadOnlyList<WKBulkItemResult> added = await lists.AddAsync(owner, kind, new[] { "b1", "b2", "b3" }, default);
            Assert.All(added, r => Assert.Equal(owner, r.Uid));
            Assert.Equal(new[] { "b1", "b2", "b3" }, added.Select(r => r.ListedUid));

            IReadOnlyList<WKUserListEntry> entries = await lists.GetAsync(owner, kind, default);
            Assert.Equal(new[] { "b1", "b2", "b3" }, entries.Select(e => e.ListedUid).OrderBy(x => x));
            Assert.All(entries, e => Assert.Equal(owner, e.Uid));
            Assert.All(entries, e => Assert.Equal(kind, e.List));
            if (kind == WKUserListKind.Allowlist)
            {
                Assert.All(entries, e => Assert.NotNull(e.CreatedAt));
            }

            await lists.RemoveAsync(owner, kind, new[] { "b2" }, default);
            Assert.Equal(new[] { "b1", "b3" }, (await lists.GetAsync(owner, kind, default)).Select(e => e.ListedUid).OrderBy(x => x));
            await lists.SetAsync(owner, kind, new[] { "c1" }, default);
            Assert.Equal("c1", Assert.Single(await lists.GetAsync(owner, kind, default)).ListedUid);
            await lists.ClearAsync(owner, kind, default);
            Assert.Empty(await lists.GetAsync(owner, kind, default));
            await lists.SetAsync(owner, kind, new[] { "d1" }, default);
            Assert.Equal("Clear" + kind, Assert.Single(await lists.SetAsync(owner, kind, Array.Empty<string>(), default)).Operation);
            Assert.Empty(await lists.GetAsync(owner, kind, default));

            await Assert.ThrowsAsync<WKInvalidInputException>(() => lists.AddAsync("a@b", kind, new[] { "x" }, default));
            await Assert.ThrowsAsync<WKInvalidInputException>(() => lists.AddAsync(owner, kind, new[] { "" }, default));
        }
    }
}
