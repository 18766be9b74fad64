using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>Cross-channel message search through GET /cluster/messages, against a 3-node emulator.</summary>
    public sealed class ClusterMessageSearchTests : IClassFixture<ClusterFixture>
    {
        private readonly ClusterFixture _cluster;

        public ClusterMessageSearchTests(ClusterFixture cluster) => _cluster = cluster;

        private static async Task<List<WKMessage>> AllAsync(IAsyncEnumerable<WKMessage> messages)
        {
            var list = new List<WKMessage>();
            await foreach (WKMessage m in messages)
            {
                list.Add(m);
            }
            return list;
        }

        private async Task<long> SearchRequestsAsync()
        {
            using JsonDocument doc = JsonDocument.Parse(await _cluster.Http.GetStringAsync(new Uri(_cluster.BaseUri, "/_emulator/stats")));
            return doc.RootElement.GetProperty("requests").TryGetProperty("GET /cluster/messages", out JsonElement n) ? n.GetInt64() : 0;
        }

        private async Task ResetStatsAsync() => (await _cluster.Http.PostAsync(new Uri(_cluster.BaseUri, "/_emulator/stats/reset"), null)).EnsureSuccessStatusCode();

        private async Task<long> SendAsync(WKClient client, string channelId, WKChannelType type, string from, string text, string? clientMsgNo = null)
        {
            WKSendResult sent = await client.Messages.SendAsync(new WKSendMessage
            {
                ChannelId = channelId,
                ChannelType = type,
                FromUid = from,
                Payload = Encoding.UTF8.GetBytes(text),
                ClientMsgNo = clientMsgNo,
            });
            return sent.MessageId;
        }

        [Fact]
        public async Task Ten_thousand_matches_page_without_gap_or_duplicate_through_both_cursors()
        {
            string channel = ClusterFixture.NewId("big");
            // The only fill in this emulator: every match of "message number" is in this channel.
            await _cluster.FillAsync(channel, 10_000, 1);
            using WKClient client = _cluster.NewClient();

            // Global scan: offset_message_id pages, newest first.
            await ResetStatsAsync();
            List<WKMessage> global = await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { Text = "message number", PageSize = 300 }));
            Assert.Equal(10_000, global.Count);
            Assert.Equal(10_000, global.Select(m => m.MessageId).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (ulong)i).Reverse(), global.Select(m => m.MessageSeq));
            Assert.True(global.Zip(global.Skip(1), (a, b) => a.MessageId > b.MessageId).All(x => x));
            // 33 full pages and one of 100: the short page is the end, no extra request.
            Assert.Equal(34, await SearchRequestsAsync());

            // Channel scan: offset_message_seq pages (an id cursor would end this walk at once).
            await ResetStatsAsync();
            List<WKMessage> inChannel = await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch
            {
                ChannelId = channel,
                ChannelType = WKChannelType.Group,
                Text = "message number",
                PageSize = 300,
            }));
            Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (ulong)i).Reverse(), inChannel.Select(m => m.MessageSeq));
            Assert.Equal(global.Select(m => m.MessageId), inChannel.Select(m => m.MessageId));
            Assert.Equal(34, await SearchRequestsAsync());

            WKMessage newest = inChannel[0];
            Assert.Equal("message number 10000", ((System.Collections.IDictionary)newest.Content!)["content"]);
            Assert.Equal(channel, newest.ChannelId);
            Assert.Equal(channel, newest.StoredChannelId);
            Assert.NotNull(newest.Term);
        }

        [Fact]
        public async Task MaxCount_stops_the_paging_and_asks_only_for_what_is_needed()
        {
            string channel = ClusterFixture.NewId("few");
            using WKClient client = _cluster.NewClient();
            string needle = ClusterFixture.NewId("needle");
            for (int i = 0; i < 5; i++)
            {
                await SendAsync(client, channel, WKChannelType.Group, "u1", needle + " " + i);
            }
            await ResetStatsAsync();
            List<WKMessage> two = await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { Text = needle, PageSize = 100, MaxCount = 2 }));
            Assert.Equal(new[] { needle + " 4", needle + " 3" }, two.Select(m => m.Text));
            Assert.Equal(1, await SearchRequestsAsync());
        }

        [Fact]
        public async Task A_byte_needle_with_plus_and_slash_in_its_base64_is_sent_percent_encoded()
        {
            using WKClient client = _cluster.NewClient();
            // These bytes are "+/8=" in base64: unescaped, '+' would arrive as a space.
            byte[] needle = { 0xFB, 0xFF };
            string channel = ClusterFixture.NewId("bin");
            WKSendResult sent = await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, FromUid = "u1", Payload = new byte[] { 1, 0xFB, 0xFF, 2 } });
            WKMessage found = Assert.Single(await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { Payload = needle })));
            Assert.Equal(sent.MessageId, found.MessageId);
            Assert.Equal(new byte[] { 1, 0xFB, 0xFF, 2 }, found.Payload);
            Assert.Null(found.Text);
        }

        [Fact]
        public async Task The_string_message_id_is_decoded_exactly_and_looked_up_alone()
        {
            using WKClient client = _cluster.NewClient();
            string channel = ClusterFixture.NewId("one");
            long id = await SendAsync(client, channel, WKChannelType.Group, "u7", "{\"type\":1,\"content\":\"hello\"}");
            Assert.True(id > (1L << 53));
            WKMessage found = Assert.Single(await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { MessageId = id })));
            Assert.Equal(id, found.MessageId);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), found.MessageIdStr);
            Assert.Equal("hello", found.Preview);
            Assert.Equal("u7", found.FromUid);

            WKInvalidInputException mixed = await Assert.ThrowsAsync<WKInvalidInputException>(() => AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { MessageId = id, FromUid = "u7" })));
            Assert.Equal("WKConflictingFilters", mixed.ErrorId);
        }

        [Fact]
        public async Task A_person_channel_is_searched_under_the_id_derived_from_both_uids()
        {
            using WKClient client = _cluster.NewClient();
            string alice = ClusterFixture.NewId("alice"), bob = ClusterFixture.NewId("bob");
            await SendAsync(client, bob, WKChannelType.Person, alice, "hi bob");
            await SendAsync(client, alice, WKChannelType.Person, bob, "hi alice");
            string stored = WKChannelIds.PersonChannelId(alice, bob);

            List<WKMessage> both = await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { ChannelId = bob, ChannelType = WKChannelType.Person, LoginUid = alice }));
            Assert.Equal(new[] { "hi alice", "hi bob" }, both.Select(m => m.Text));
            Assert.All(both, m => Assert.Equal(stored, m.StoredChannelId));
            // Rendered like MessageResp: the channel is the party that is not the sender.
            Assert.Equal(alice, both[0].ChannelId);
            Assert.Equal(bob, both[1].ChannelId);

            List<WKMessage> fromAlice = await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { ChannelId = bob, ChannelType = WKChannelType.Person, FromUid = alice }));
            Assert.Equal("hi bob", Assert.Single(fromAlice).Text);

            WKInvalidInputException ex = await Assert.ThrowsAsync<WKInvalidInputException>(() => AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { ChannelId = bob, ChannelType = WKChannelType.Person })));
            Assert.Equal("WKPersonChannelNeedsUid", ex.ErrorId);
        }

        [Fact]
        public async Task Sender_and_client_msg_no_searches_return_each_match_once()
        {
            using WKClient client = _cluster.NewClient();
            string sender = ClusterFixture.NewId("snd");
            var ids = new HashSet<long>();
            for (int i = 0; i < 7; i++)
            {
                ids.Add(await SendAsync(client, ClusterFixture.NewId("c"), WKChannelType.Group, sender, "m" + i));
            }
            List<WKMessage> bySender = await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { FromUid = sender, PageSize = 3 }));
            Assert.Equal(ids.OrderBy(x => x), bySender.Select(m => m.MessageId).OrderBy(x => x));

            string cmn = ClusterFixture.NewId("cmn");
            long one = await SendAsync(client, ClusterFixture.NewId("c"), WKChannelType.Group, sender, "x", cmn);
            Assert.Equal(one, Assert.Single(await AllAsync(client.Cluster.SearchMessagesAsync(new WKMessageSearch { ClientMsgNo = cmn }))).MessageId);
        }
    }
}
