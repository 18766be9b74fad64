using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class ChannelsApiTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ChannelsApiTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public async Task A_created_channel_is_read_back_with_its_flags_and_live_counts()
        {
            using WKClient client = NewClient();
            string id = EmulatorFixture.NewId("ch");
            await client.Channels.CreateChannelAsync(new WKChannelInfo { ChannelId = id, ChannelType = WKChannelType.Group, Ban = true }, new[] { "a", "b", "c" }, false, None);

            WKChannel? channel = await client.Channels.GetChannelAsync(id, WKChannelType.Group, None);
            Assert.NotNull(channel);
            Assert.True(channel!.Listed);
            Assert.True(channel.Ban);
            Assert.False(channel.Disband);
            Assert.Equal(3, channel.SubscriberCount);
            Assert.NotNull(channel.CreatedAt);
            Assert.NotEqual(0UL, channel.Id);
            Assert.Null(await client.Channels.GetChannelAsync(id, WKChannelType.Community, None));
        }

        [Fact]
        public async Task A_channel_created_by_subscriber_add_is_not_listed_but_is_still_found()
        {
            using WKClient client = NewClient();
            string id = EmulatorFixture.NewId("imp");
            await client.Channels.AddSubscribersAsync(id, WKChannelType.Group, new[] { "u1", "u2" }, None);
            await client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = id, ChannelType = WKChannelType.Group, Ban = true }, None);

            Assert.Empty(await client.Channels.FindChannelsAsync(id, None));
            WKChannel? channel = await client.Channels.GetChannelAsync(id, WKChannelType.Group, None);
            Assert.NotNull(channel);
            Assert.False(channel!.Listed);
            Assert.True(channel.Ban);
            Assert.Equal(2, channel.SubscriberCount);
            Assert.Null(await client.Channels.GetChannelAsync(EmulatorFixture.NewId("none"), WKChannelType.Group, None));
        }

        [Fact]
        public async Task Listing_pages_through_every_channel_newest_first_without_sending_filters()
        {
            using WKClient client = NewClient();
            string prefix = EmulatorFixture.NewId("pg");
            for (int i = 0; i < 7; i++)
            {
                await client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = prefix + "-" + i, ChannelType = WKChannelType.Info }, None);
            }
            await _emulator.ResetStatsAsync();
            var seen = new List<WKChannel>();
            await foreach (WKChannel c in client.Channels.ListChannelsAsync(WKChannelType.Info, 3, None))
            {
                seen.Add(c);
            }
            List<string> ours = seen.Select(c => c.ChannelId).Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => prefix + "-" + i), ours);
            Assert.All(seen, c => Assert.Equal(WKChannelType.Info, c.ChannelType));
            Assert.Equal((seen.Count + 2) / 3, await _emulator.RequestCountAsync("GET /cluster/channels"));
        }

        [Fact]
        public void The_flag_merge_keeps_readable_flags_uses_remembered_ones_and_reports_the_rest()
        {
            var current = new WKChannel { ChannelId = "g1", ChannelType = WKChannelType.Group, BanValue = 1, DisbandValue = 0 };
            WKChannelFlagPlan plan = WKChannelFlagMerge.Plan("g1", WKChannelType.Group, current, null, new WKChannelFlagChanges { SendBan = true });
            Assert.True(plan.Info.Ban);
            Assert.True(plan.Info.SendBan);
            Assert.False(plan.Info.Disband);
            Assert.Equal(new[] { "Large", "AllowStranger" }, plan.UnknownFlags);
            Assert.Empty(plan.RememberedFlags);
            Assert.True(plan.ChannelFound);

            var remembered = new WKChannelInfo { ChannelId = "g1", ChannelType = WKChannelType.Group, Large = true, AllowStranger = true, Ban = false };
            plan = WKChannelFlagMerge.Plan("g1", WKChannelType.Group, current, remembered, new WKChannelFlagChanges { Ban = false });
            Assert.False(plan.Info.Ban);
            Assert.True(plan.Info.Large);
            Assert.True(plan.Info.AllowStranger);
            Assert.False(plan.Info.SendBan);
            Assert.Equal(new[] { "Large", "SendBan", "AllowStranger" }, plan.RememberedFlags);
            Assert.Empty(plan.UnknownFlags);
        }

        [Fact]
        public async Task Changing_one_flag_keeps_the_servers_ban_and_what_this_client_wrote()
        {
            using WKClient client = NewClient();
            string id = EmulatorFixture.NewId("fl");
            await client.Channels.CreateChannelAsync(new WKChannelInfo { ChannelId = id, ChannelType = WKChannelType.Group, Ban = true, Large = true }, null, false, None);

            WKChannelFlagPlan plan = await client.Channels.PlanFlagUpdateAsync(id, WKChannelType.Group, new WKChannelFlagChanges { Disband = true }, None);
            Assert.True(plan.Info.Ban && plan.Info.Disband && plan.Info.Large);
            Assert.Empty(plan.UnknownFlags);
            await client.Channels.SetChannelInfoAsync(plan.Info, None);

            WKChannel? after = await client.Channels.GetChannelAsync(id, WKChannelType.Group, None);
            Assert.True(after!.Ban);
            Assert.True(after.Disband);

            // A fresh client has not written the channel: the unreadable flags are reported.
            using WKClient other = NewClient();
            plan = await other.Channels.PlanFlagUpdateAsync(id, WKChannelType.Group, new WKChannelFlagChanges { Ban = false }, None);
            Assert.False(plan.Info.Ban);
            Assert.True(plan.Info.Disband);
            Assert.Equal(new[] { "Large", "SendBan", "AllowStranger" }, plan.UnknownFlags);
        }

        [Fact]
        public async Task Delete_only_disbands_and_person_channels_are_refused_before_any_request()
        {
            using WKClient client = NewClient();
            string id = EmulatorFixture.NewId("del");
            await client.Channels.CreateChannelAsync(new WKChannelInfo { ChannelId = id, ChannelType = WKChannelType.Group }, new[] { "m1" }, false, None);
            await client.Channels.DeleteChannelAsync(id, WKChannelType.Group, None);
            WKChannel? channel = await client.Channels.GetChannelAsync(id, WKChannelType.Group, None);
            Assert.True(channel!.Disband);
            Assert.Equal(1, channel.SubscriberCount);

            await _emulator.ResetStatsAsync();
            await Assert.ThrowsAsync<WKValidationException>(() => client.Channels.DeleteChannelAsync("alice", WKChannelType.Person, None));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Channels.AddSubscribersAsync("alice", WKChannelType.Person, new[] { "bob" }, None));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Channels.GetSubscribersAsync("alice", WKChannelType.Person, None));
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Channels.AddSubscribersAsync("g#1", WKChannelType.Group, new[] { "bob" }, None));
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Channels.AddSubscribersAsync("g1", WKChannelType.Group, new[] { "bob", " " }, None));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Channels.AddBlacklistAsync("g1", WKChannelType.Group, Array.Empty<string>(), None));
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = "", ChannelType = WKChannelType.Group }, None));
            Assert.Equal(0, (await _emulator.RequestCountAsync("POST /channel/delete")) + (await _emulator.RequestCountAsync("POST /channel/subscriber_add")));
        }

        [Fact]
        public async Task Subscribers_are_added_removed_replaced_and_cleared()
        {
            using WKClient client = NewClient();
            string id = EmulatorFixture.NewId("sub");
            await client.Channels.AddSubscribersAsync(id, WKChannelType.Group, new[] { "a", "b", "c" }, None);
            await client.Channels.RemoveSubscribersAsync(id, WKChannelType.Group, new[] { "b" }, None);
            Assert.Equal(new[] { "a", "c" }, (await client.Channels.GetSubscribersAsync(id, WKChannelType.Group, None)).OrderBy(u => u));

            await client.Channels.SetSubscribersAsync(id, WKChannelType.Group, new[] { "x", "y" }, None);
            Assert.Equal(new[] { "x", "y" }, (await client.Channels.GetSubscribersAsync(id, WKChannelType.Group, None)).OrderBy(u => u));

            await client.Channels.SetSubscribersAsync(id, WKChannelType.Group, Array.Empty<string>(), None);
            Assert.Empty(await client.Channels.GetSubscribersAsync(id, WKChannelType.Group, None));

            await _emulator.ResetStatsAsync();
            await client.Channels.SetSubscribersAsync(id, WKChannelType.Temp, new[] { "t1", "t2" }, None);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /tmpchannel/subscriber_set"));
        }

        [Fact]
        public async Task Blacklist_and_whitelist_round_trip_and_whitelist_ids_above_2_pow_63_survive()
        {
            using WKClient client = NewClient();
            string id = EmulatorFixture.NewId("lst");
            await client.Channels.AddBlacklistAsync(id, WKChannelType.Group, new[] { "b1", "b2" }, None);
            await client.Channels.RemoveBlacklistAsync(id, WKChannelType.Group, new[] { "b1" }, None);
            Assert.Equal(new[] { "b2" }, await client.Channels.GetBlacklistAsync(id, WKChannelType.Group, None));
            await client.Channels.SetBlacklistAsync(id, WKChannelType.Group, new[] { "s1", "s2" }, None);
            Assert.Equal(new[] { "s1", "s2" }, (await client.Channels.GetBlacklistAsync(id, WKChannelType.Group, None)).OrderBy(u => u));
            await client.Channels.RemoveAllBlacklistAsync(id, WKChannelType.Group, None);
            Assert.Empty(await client.Channels.GetBlacklistAsync(id, WKChannelType.Group, None));

            await client.Channels.AddWhitelistAsync(id, WKChannelType.Group, new[] { "carol", "dave" }, None);
            IReadOnlyList<WKWhitelistEntry> entries = await client.Channels.GetWhitelistEntriesAsync(id, WKChannelType.Group, None);
            WKWhitelistEntry carol = Assert.Single(entries, e => e.Uid == "carol");
            Assert.Equal(12663155935008590962UL, carol.Id);
            Assert.Equal(id, carol.ChannelId);
            Assert.NotNull(carol.CreatedAt);
            Assert.Equal(entries.Select(e => e.Id).OrderBy(i => i), entries.Select(e => e.Id));
            Assert.Equal(entries.Select(e => e.Uid), await client.Channels.GetWhitelistAsync(id, WKChannelType.Group, None));

            await client.Channels.SetWhitelistAsync(id, WKChannelType.Group, new[] { "erin" }, None);
            Assert.Equal(new[] { "erin" }, await client.Channels.GetWhitelistAsync(id, WKChannelType.Group, None));
            await client.Channels.RemoveWhitelistAsync(id, WKChannelType.Group, new[] { "erin" }, None);
            await client.Channels.AddWhitelistAsync(id, WKChannelType.Group, new[] { "f" }, None);
            await client.Channels.RemoveAllWhitelistAsync(id, WKChannelType.Group, None);
            Assert.Empty(await client.Channels.GetWhitelistEntriesAsync(id, WKChannelType.Group, None));
        }
    }

    /// <summary>The bulk path of Add-WKChannelSubscriber: grouping piped uids per channel, cutting chunks, one request per chunk.</summary>
    public sealed class ChannelSubscriberBulkTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ChannelSubscriberBulkTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        /// <summary>What the cmdlet does with piped input: buffer per channel, send each full chunk, then the rest.</summary>
        private static async Task<List<WKBulkItemResult>> PipeAsync(WKClient client, IEnumerable<(WKChannelKey Channel, string Uid)> input, int batchSize, Func<int, Task>? beforeChunk = null, Func<Task>? afterChunk = null)
        {
            var buffer = new GroupedChunkBuffer<WKChannelKey, string>(batchSize, dropDuplicates: true);
            var results = new List<WKBulkItemResult>();
            int chunkNumber = 0;
            async Task Send(WKChunk<WKChannelKey, string> chunk)
            {
                if (beforeChunk != null) await beforeChunk(++chunkNumber);
                results.AddRange(await WKBulk.RunChunkAsync("AddSubscriber", chunk.Key, chunk.Items,
                    ct => client.Channels.AddSubscribersAsync(chunk.Key.ChannelId, chunk.Key.ChannelType, chunk.Items.ToArray(), ct), CancellationToken.None));
                if (afterChunk != null) await afterChunk();
            }
            foreach (var (channel, uid) in input)
            {
                if (buffer.Add(channel, uid, out WKChunk<WKChannelKey, string>? full) && full != null)
                {
                    await Send(full);
                }
            }
            foreach (WKChunk<WKChannelKey, string> rest in buffer.Drain())
            {
                await Send(rest);
            }
            return results;
        }

        [Fact]
        public async Task A_hundred_thousand_piped_uids_cost_ceil_n_over_batch_requests_and_all_are_subscribed()
        {
            using WKClient client = NewClient();
            string g = EmulatorFixture.NewId("g");
            var channel = new WKChannelKey(g, WKChannelType.Group);
            const int n = 100000, batch = 1000;
            await _emulator.ResetStatsAsync();

            List<WKBulkItemResult> results = await PipeAsync(client, Enumerable.Range(1, n).Select(i => (channel, "u" + i)), batch);

            Assert.Equal((n + batch - 1) / batch, await _emulator.RequestCountAsync("POST /channel/subscriber_add"));
            Assert.Equal(n, results.Count);
            Assert.All(results, r => Assert.Equal(WKBulkItemStatus.Succeeded, r.Status));
            IReadOnlyList<string> members = await client.Channels.GetSubscribersAsync(g, WKChannelType.Group, CancellationToken.None);
            Assert.Equal(n, members.Count);
            Assert.Equal(Enumerable.Range(1, n).Select(i => "u" + i).OrderBy(u => u, StringComparer.Ordinal), members.OrderBy(u => u, StringComparer.Ordinal));
        }

        [Fact]
        public async Task Interleaved_channels_are_buffered_separately_and_duplicates_are_not_resent()
        {
            using WKClient client = NewClient();
            var a = new WKChannelKey(EmulatorFixture.NewId("a"), WKChannelType.Group);
            var b = new WKChannelKey(EmulatorFixture.NewId("b"), WKChannelType.Community);
            var input = Enumerable.Range(0, 250).Select(i => (i % 2 == 0 ? a : b, "u" + (i / 2))).Concat(new[] { (a, "u0") });
            await _emulator.ResetStatsAsync();

            List<WKBulkItemResult> results = await PipeAsync(client, input, 50);

            // 125 uids per channel, 50 per request: 3 requests each.
            Assert.Equal(6, await _emulator.RequestCountAsync("POST /channel/subscriber_add"));
            Assert.Equal(250, results.Count);
            Assert.Equal(125, (await client.Channels.GetSubscribersAsync(a.ChannelId, a.ChannelType, CancellationToken.None)).Count);
            Assert.Equal(125, (await client.Channels.GetSubscribersAsync(b.ChannelId, b.ChannelType, CancellationToken.None)).Count);
        }

        [Fact]
        public async Task A_failing_chunk_is_reported_uid_by_uid_and_the_other_chunks_still_go_through()
        {
            using WKClient client = NewClient();
            string g = EmulatorFixture.NewId("f");
            var channel = new WKChannelKey(g, WKChannelType.Group);
            List<WKBulkItemResult> results = await PipeAsync(client, Enumerable.Range(1, 2500).Select(i => (channel, "u" + i)), 1000, async chunk =>
            {
                if (chunk == 2)
                {
                    await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 400, path_prefix = "/channel/subscriber_add" });
                }
            }, () => _emulator.ClearFaultsAsync());

            List<WKBulkItemResult> failed = results.Where(r => r.Status == WKBulkItemStatus.Failed).ToList();
            Assert.Equal(Enumerable.Range(1001, 1000).Select(i => "u" + i), failed.Select(r => r.Uid));
            Assert.All(failed, r => Assert.Equal("emulated fault", r.Error));
            Assert.All(failed, r => Assert.Equal(g, r.ChannelId));
            Assert.Equal(1500, results.Count(r => r.Status == WKBulkItemStatus.Succeeded));
            IReadOnlyList<string> members = await client.Channels.GetSubscribersAsync(g, WKChannelType.Group, CancellationToken.None);
            Assert.Equal(1500, members.Count);
            Assert.DoesNotContain("u1500", members);
            Assert.Contains("u2500", members);
        }

        [Fact]
        public async Task Planning_the_chunks_for_WhatIf_sends_nothing()
        {
            string g = EmulatorFixture.NewId("w");
            var channel = new WKChannelKey(g, WKChannelType.Group);
            await _emulator.ResetStatsAsync();
            var buffer = new GroupedChunkBuffer<WKChannelKey, string>(1000);
            var targets = new List<string>();
            foreach (int i in Enumerable.Range(1, 2500))
            {
                if (buffer.Add(channel, "u" + i, out WKChunk<WKChannelKey, string>? full) && full != null)
                {
                    targets.Add(WKBulk.Describe(full.Key, full.Items.Count, "subscribers"));
                }
            }
            targets.AddRange(buffer.Drain().Select(c => WKBulk.Describe(c.Key, c.Items.Count, "subscribers")));

            Assert.Equal(new[] { "channel " + g + " (Group): 1000 subscribers", "channel " + g + " (Group): 1000 subscribers", "channel " + g + " (Group): 500 subscribers" }, targets);
            Assert.Equal(0, (await _emulator.RequestCountAsync("POST /channel/subscriber_add")));
            using WKClient client = NewClient();
            Assert.Empty(await client.Channels.GetSubscribersAsync(g, WKChannelType.Group, CancellationToken.None));
        }
    }
}
