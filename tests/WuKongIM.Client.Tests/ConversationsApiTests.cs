using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>The Conversations client against the emulator over real HTTP (wukongim-api.md §3.8, §11.5).</summary>
    public sealed class ConversationsApiTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture _emulator;

        public ConversationsApiTests(EmulatorFixture emulator) => _emulator = emulator;

        public Task InitializeAsync() => _emulator.ResetStatsAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        private static Task SendAsync(WKClient client, string channelId, WKChannelType type, string from, string text = "hi") =>
            client.Messages.SendAsync(new WKSendMessage { ChannelId = channelId, ChannelType = type, FromUid = from, Payload = Encoding.UTF8.GetBytes(text) });

        private static async Task<string> GroupAsync(WKClient client, params string[] members)
        {
            string group = EmulatorFixture.NewId("g");
            await client.Channels.AddSubscribersAsync(group, WKChannelType.Group, members, CancellationToken.None);
            return group;
        }

        private static async Task<List<WKConversation>> AllAsync(WKClient client, WKConversationQuery query)
        {
            var list = new List<WKConversation>();
            await foreach (WKConversation c in client.Conversations.GetConversationsAsync(query))
            {
                list.Add(c);
            }
            return list;
        }

        [Fact]
        public async Task Sync_then_clearing_every_unread_conversation_leaves_nothing_unread()
        {
            // Get-WKConversation -Uid u1 | Where-Object Unread -gt 0 | Clear-WKConversationUnread
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u"), u3 = EmulatorFixture.NewId("u");
            string busy = await GroupAsync(client, u1, u2), quiet = await GroupAsync(client, u1, u2);
            await SendAsync(client, busy, WKChannelType.Group, u2);
            await SendAsync(client, busy, WKChannelType.Group, u2);
            await SendAsync(client, quiet, WKChannelType.Group, u1);
            await SendAsync(client, u1, WKChannelType.Person, u3);

            List<WKConversation> before = await AllAsync(client, new WKConversationQuery { Uid = u1 });
            Assert.Equal(3, before.Count);
            Assert.All(before, c => Assert.Equal(u1, c.Uid));
            Assert.All(before, c => Assert.Empty(c.Recents));
            WKConversation person = before.Single(c => c.ChannelType == WKChannelType.Person);
            Assert.Equal(u3, person.ChannelId);
            Assert.Equal(2, before.Single(c => c.ChannelId == busy).Unread);
            WKConversation read = before.Single(c => c.ChannelId == quiet);
            Assert.Equal(0, read.Unread);
            Assert.Equal(read.LastMessageAt!.Value.ToUnixTimeSeconds() * 1_000_000_000L, read.Version);
            Assert.Equal(TimeSpan.Zero, read.LastMessageAt.Value.Offset);

            await _emulator.ResetStatsAsync();
            foreach (WKConversation c in before.Where(c => c.Unread > 0))
            {
                await client.Conversations.ClearUnreadAsync(c.Uid, c.ChannelId, c.ChannelType);
            }
            Assert.Equal(2, await _emulator.RequestCountAsync("POST /conversations/clearUnread"));

            List<WKConversation> after = await AllAsync(client, new WKConversationQuery { Uid = u1 });
            Assert.Equal(3, after.Count);
            Assert.All(after, c => Assert.Equal(0, c.Unread));
            // Only the conversation whose newest message is u1's own can still show (its read position was never moved).
            Assert.All(await AllAsync(client, new WKConversationQuery { Uid = u1, OnlyUnread = true }), c => Assert.Equal((quiet, 0), (c.ChannelId, c.Unread)));
        }

        [Fact]
        public async Task Recents_come_newest_first_only_when_asked_for()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(client, u1, u2);
            for (int i = 1; i <= 4; i++)
            {
                await SendAsync(client, group, WKChannelType.Group, u2, "m" + i);
            }
            WKConversation c = Assert.Single(await AllAsync(client, new WKConversationQuery { Uid = u1, RecentCount = 3 }));
            Assert.Equal(new[] { "m4", "m3", "m2" }, c.Recents.Select(m => m.Text));
            Assert.Equal(4u, c.LastMsgSeq);
            Assert.Equal(c.Recents[0].ClientMsgNo, c.LastClientMsgNo);
        }

        [Fact]
        public async Task Pages_cover_every_conversation_even_when_a_page_comes_back_empty()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u");
            var withMessages = new List<string>();
            for (int i = 0; i < 30; i++)
            {
                string group = await GroupAsync(client, u1);
                await SendAsync(client, group, WKChannelType.Group, "");
                withMessages.Add(group);
            }
            // The newest 25 conversations have no messages: the first page of 20 is empty, the second half empty.
            for (int i = 0; i < 25; i++)
            {
                await GroupAsync(client, u1);
            }
            await _emulator.ResetStatsAsync();
            List<WKConversation> all = await AllAsync(client, new WKConversationQuery { Uid = u1, PageSize = 20 });
            Assert.Equal(withMessages.OrderBy(g => g), all.Select(c => c.ChannelId).OrderBy(g => g));
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /conversation/channels"));
            Assert.Equal(3, await _emulator.RequestCountAsync("POST /conversation/sync"));

            WKConversationPager pager = client.Conversations.CreatePager(new WKConversationQuery { Uid = u1, PageSize = 20 });
            Assert.Empty(await pager.NextPageAsync());
            Assert.False(pager.Finished);
            Assert.Equal(3, pager.PageCount);

            // Unpaged: one request.
            await _emulator.ResetStatsAsync();
            Assert.Equal(30, (await AllAsync(client, new WKConversationQuery { Uid = u1, PageSize = 0 })).Count);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /conversation/sync"));

            // A user without conversations costs the count only.
            await _emulator.ResetStatsAsync();
            Assert.Empty(await AllAsync(client, new WKConversationQuery { Uid = EmulatorFixture.NewId("nobody") }));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /conversation/sync"));
        }

        [Fact]
        public async Task Changed_since_a_version_includes_conversations_already_read_again()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(client, u1, u2);
            await SendAsync(client, group, WKChannelType.Group, u2);
            long version = (await AllAsync(client, new WKConversationQuery { Uid = u1 })).Single(c => c.ChannelId == group).Version - 1;
            await client.Conversations.ClearUnreadAsync(u1, group, WKChannelType.Group);

            // Read since: the server alone (which treats any version as "only unread") would leave it out.
            WKConversation changed = Assert.Single(await AllAsync(client, new WKConversationQuery { Uid = u1, Version = version }), c => c.ChannelId == group);
            Assert.Equal(0, changed.Unread);
        }

        [Fact]
        public async Task Version_and_excluded_types_narrow_the_result()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(client, u1, u2);
            await SendAsync(client, group, WKChannelType.Group, u2);
            await SendAsync(client, u1, WKChannelType.Person, u2);
            List<WKConversation> all = await AllAsync(client, new WKConversationQuery { Uid = u1 });
            long version = all.Single(c => c.ChannelId == group).Version;

            Assert.Contains(await AllAsync(client, new WKConversationQuery { Uid = u1, Version = version - 1 }), c => c.ChannelId == group);
            Assert.Empty(await AllAsync(client, new WKConversationQuery { Uid = u1, Version = version }));
            WKConversation only = Assert.Single(await AllAsync(client, new WKConversationQuery { Uid = u1, ExcludeChannelTypes = new[] { WKChannelType.Group } }));
            Assert.Equal(u2, only.ChannelId);
            Assert.Empty(await AllAsync(client, new WKConversationQuery
            {
                Uid = u1,
                KnownSeqs = new[] { new WKKnownConversationSeq { ChannelId = group, ChannelType = WKChannelType.Group, LastMsgSeq = 1 }, new WKKnownConversationSeq { ChannelId = u2, ChannelType = WKChannelType.Person, LastMsgSeq = 1 } },
            }));
        }

        [Fact]
        public async Task Lowering_reads_first_and_raising_is_refused_without_a_request()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(client, u1, u2);
            for (int i = 0; i < 3; i++)
            {
                await SendAsync(client, group, WKChannelType.Group, u2);
            }
            await _emulator.ResetStatsAsync();
            WKUnreadChange lowered = await client.Conversations.LowerUnreadAsync(u1, group, WKChannelType.Group, 1);
            Assert.Equal((3, WKUnreadDecision.Lower), (lowered.Before, lowered.Decision));
            Assert.Equal(1, (await client.Conversations.GetByChannelsAsync(u1, new[] { new WKChannelKey(group, WKChannelType.Group) }))[0].Unread);

            var refused = await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Conversations.LowerUnreadAsync(u1, group, WKChannelType.Group, 2));
            Assert.Equal("WKUnreadCannotBeRaised", refused.ErrorId);
            Assert.Contains("can only lower", refused.Message);
            Assert.Equal(WKUnreadDecision.Unchanged, (await client.Conversations.LowerUnreadAsync(u1, group, WKChannelType.Group, 1)).Decision);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /conversations/setUnread"));
            Assert.Equal(4, await _emulator.RequestCountAsync("POST /conversation/syncByChannels"));
        }

        [Fact]
        public async Task Person_channels_are_addressed_by_the_peer_and_stored_ids_are_converted()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            await SendAsync(client, u1, WKChannelType.Person, u2);
            await SendAsync(client, u1, WKChannelType.Person, u2);

            WKConversationChannel channel = Assert.Single(await client.Conversations.GetChannelsAsync(u1));
            Assert.Equal(WKChannelIds.PersonChannelId(u1, u2), channel.StoredChannelId);
            Assert.Equal(u2, channel.ChannelId);
            Assert.Equal(u1, channel.Uid);

            // The stored id (from the channel list) works as well as the peer's uid.
            await client.Conversations.ClearUnreadAsync(u1, channel.StoredChannelId, WKChannelType.Person);
            WKConversation person = (await client.Conversations.GetByChannelsAsync(u1, new[] { new WKChannelKey(u2, WKChannelType.Person) }))[0];
            Assert.Equal((u2, 0, 2u), (person.ChannelId, person.Unread, person.ReadedToMsgSeq));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Conversations.ClearUnreadAsync(u1, "x@y", WKChannelType.Person));

            await client.Conversations.DeleteAsync(u1, u2, WKChannelType.Person);
            Assert.Empty(await AllAsync(client, new WKConversationQuery { Uid = u1 }));
            WKStoredConversation stored = Assert.Single(await client.Conversations.GetStoredAsync(u1));
            Assert.Equal((u2, WKChannelIds.PersonChannelId(u1, u2), 2UL, 0u), (stored.ChannelId, stored.StoredChannelId, stored.ReadedToMsgSeq, stored.UnreadCount));
        }

        [Fact]
        public async Task Conversation_messages_come_back_in_the_order_asked()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(client, u1, u2);
            for (int i = 1; i <= 5; i++)
            {
                await SendAsync(client, group, WKChannelType.Group, i == 2 ? u1 : u2, "g" + i);
            }
            await SendAsync(client, u2, WKChannelType.Person, u1, "p1");
            var asked = new[]
            {
                new WKConversationMessageQuery { ChannelId = u2, ChannelType = WKChannelType.Person },
                new WKConversationMessageQuery { ChannelId = group, ChannelType = WKChannelType.Group, FromSeq = 2 },
            };
            IReadOnlyList<WKConversationMessages> newest = await client.Conversations.GetMessagesAsync(u1, asked, count: 2);
            Assert.Equal(new[] { u2, group }, newest.Select(m => m.ChannelId));
            Assert.Equal(new[] { "p1" }, newest[0].Messages.Select(m => m.Text));
            Assert.Equal(new[] { "g5", "g4" }, newest[1].Messages.Select(m => m.Text));
            Assert.Equal(2UL, newest[1].UserLastMsgSeq);

            IReadOnlyList<WKConversationMessages> oldest = await client.Conversations.GetMessagesAsync(u1, asked, count: 2, oldestFirst: true);
            Assert.Equal(new[] { "g2", "g3" }, oldest[1].Messages.Select(m => m.Text));
        }

        [Fact]
        public async Task Bad_input_is_refused_before_any_request()
        {
            using WKClient client = NewClient();
            await _emulator.ResetStatsAsync();
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Conversations.ClearUnreadAsync("", "g1", WKChannelType.Group));
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Conversations.DeleteAsync("u1", " ", WKChannelType.Group));
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Conversations.SetUnreadAsync("u1", "g1", 0, 1));
            await Assert.ThrowsAnyAsync<WKValidationException>(() => client.Conversations.LowerUnreadAsync("u1", "g1", WKChannelType.Group, -1));
            var pageSize = Assert.Throws<WKInvalidInputException>(() => client.Conversations.CreatePager(new WKConversationQuery { Uid = "u1", PageSize = 501 }));
            Assert.Equal("WKInvalidPageSize", pageSize.ErrorId);
            Assert.ThrowsAny<WKValidationException>(() => client.Conversations.CreatePager(new WKConversationQuery { Uid = "u1", KnownSeqs = new[] { new WKKnownConversationSeq { ChannelId = "a:b", ChannelType = WKChannelType.Group } } }));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /conversations/clearUnread") + await _emulator.RequestCountAsync("POST /conversations/delete") + await _emulator.RequestCountAsync("POST /conversations/setUnread") + await _emulator.RequestCountAsync("POST /conversation/syncByChannels"));
        }

        [Theory]
        [InlineData(0, 100, 0)]
        [InlineData(1, 100, 1)]
        [InlineData(100, 100, 1)]
        [InlineData(101, 100, 2)]
        [InlineData(1000, 500, 2)]
        public void Pages_for_a_count_are_the_ceiling(int total, int size, int pages) => Assert.Equal(pages, WKConversationPager.PagesFor(total, size));

        [Theory]
        [InlineData(3, 1, WKUnreadDecision.Lower)]
        [InlineData(3, 3, WKUnreadDecision.Unchanged)]
        [InlineData(0, 1, WKUnreadDecision.CannotRaise)]
        public void Unread_decisions(int current, int requested, WKUnreadDecision decision) => Assert.Equal(decision, UnreadRules.Decide(current, requested));

        [Theory]
        [InlineData("alice", "bob@alice", "bob")]
        [InlineData("alice", "alice@bob", "bob")]
        [InlineData("carol", "bob@alice", "bob@alice")]
        [InlineData("alice", "bob", "bob")]
        public void Stored_person_ids_resolve_to_the_peer(string uid, string id, string expected) => Assert.Equal(expected, WKConversationIds.PeerOrSelf(uid, id, WKChannelType.Person));

        [Fact]
        public void The_sync_body_always_asks_for_a_message_and_sends_types_as_numbers()
        {
            ConversationSyncRequest body = ConversationsApi.BuildSyncRequest(new WKConversationQuery { Uid = "u1", ExcludeChannelTypes = new[] { WKChannelType.Group, WKChannelType.Live } }, 2);
            Assert.Equal(1, body.MsgCount);
            Assert.Equal(new[] { 2, 9 }, body.ExcludeChannelTypes);
            Assert.Equal((2, 100), (body.Page, body.PageSize));
            string json = System.Text.Json.JsonSerializer.Serialize(body, ConversationsJsonContext.Default.ConversationSyncRequest);
            Assert.Equal("{\"uid\":\"u1\",\"msg_count\":1,\"exclude_channel_types\":[2,9],\"page\":2,\"page_size\":100}", json);
        }
    }
}
