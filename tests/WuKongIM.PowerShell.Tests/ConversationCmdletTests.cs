using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.PowerShell;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>The plain logic of the Conversations cmdlets, and the pipelines they make, run against the emulator.</summary>
    public sealed class ConversationCmdletTests : IClassFixture<EmulatorFixture>
    {
        private static readonly string[] Mutations = { "Clear-WKConversationUnread", "Set-WKConversationUnread", "Remove-WKConversation" };

        private readonly EmulatorFixture _emulator;

        public ConversationCmdletTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        private static Task SendAsync(WKClient client, string channelId, WKChannelType type, string from) =>
            client.Messages.SendAsync(new WKSendMessage { ChannelId = channelId, ChannelType = type, FromUid = from, Payload = Encoding.UTF8.GetBytes("hi") });

        [Theory]
        [InlineData(false, null, 0)]
        [InlineData(true, null, WKConversationCmdletLogic.DefaultRecentCount)]
        [InlineData(false, 3, 3)]
        [InlineData(true, 7, 7)]
        public void Recents_are_shown_only_when_asked_for(bool includeRecent, int? recentCount, int expected) =>
            Assert.Equal(expected, WKConversationCmdletLogic.RecentCount(includeRecent, recentCount));

        [Fact]
        public void A_user_who_wants_no_messages_still_asks_the_server_for_one()
        {
            Assert.Equal(1, WKConversationCmdletLogic.RequestedRecentCount(0));
            Assert.Equal(5, WKConversationCmdletLogic.RequestedRecentCount(5));
            var c = new WKConversation { Recents = new[] { new WKMessage() } };
            Assert.Empty(WKConversationCmdletLogic.ShapeRecents(new[] { c }, 0)[0].Recents);
            var kept = new WKConversation { Recents = new[] { new WKMessage() } };
            Assert.Single(WKConversationCmdletLogic.ShapeRecents(new[] { kept }, 2)[0].Recents);
        }

        [Theory]
        [InlineData(0UL, false, null, 0UL)]
        [InlineData(5UL, false, 9u, 5UL)]
        [InlineData(0UL, true, 9u, 10UL)]
        [InlineData(20UL, true, 9u, 20UL)]
        public void The_start_seq_follows_FromSeq_and_Unread(ulong fromSeq, bool unread, uint? readedTo, ulong expected) =>
            Assert.Equal(expected, WKConversationCmdletLogic.StartSeq(fromSeq, unread, readedTo));

        [Fact]
        public void Unread_without_a_read_position_is_refused()
        {
            Assert.Throws<WKValidationException>(() => WKConversationCmdletLogic.StartSeq(0, true, null));
        }

        [Fact]
        public void Targets_name_the_user_and_the_channel()
        {
            Assert.Equal("u1's conversation with g1 (Group)", WKConversationCmdletLogic.Describe("u1", "g1", WKChannelType.Group));
            Assert.Equal("u1's conversation with g1 (Group) already has 2 unread; nothing was sent.",
                WKConversationCmdletLogic.UnchangedNote(new WKUnreadChange("u1", "g1", WKChannelType.Group, 2, 2, WKUnreadDecision.Unchanged)));
        }

        [Fact]
        public void The_query_carries_every_option()
        {
            WKConversationQuery q = WKConversationCmdletLogic.SyncQuery("u1", 0, true, 17, new[] { WKChannelType.Live }, 250);
            Assert.Equal(("u1", 0, true, (long?)17, 250), (q.Uid, q.RecentCount, q.OnlyUnread, q.Version, q.PageSize));
            Assert.Equal(new[] { WKChannelType.Live }, q.ExcludeChannelTypes);
        }

        [Fact]
        public void Conversation_output_binds_every_parameter_the_mutations_take_by_property_name()
        {
            foreach (string name in Mutations.Concat(new[] { "Get-WKConversationMessage" }))
            {
                CmdletShape cmdlet = BuiltModule.Cmdlets.Single(c => c.Name == name);
                Assert.True(cmdlet.SupportsShouldProcess || name.StartsWith("Get-", StringComparison.Ordinal), name + " must support ShouldProcess");
                foreach (ParameterShape p in cmdlet.Parameters.Where(p => p.Entries.Any(e => e.ByPropertyName)))
                {
                    foreach (Type output in new[] { typeof(WKConversation), typeof(WKConversationChannel), typeof(WKStoredConversation) })
                    {
                        if (p.Name == "ReadedToMsgSeq" && output != typeof(WKConversation))
                        {
                            continue;
                        }
                        Assert.True(output.GetProperty(p.Name) != null, name + " -" + p.Name + " has no " + output.Name + " property to bind from");
                    }
                }
                Assert.Equal(new[] { "ChannelId", "ChannelType", "Uid" }, cmdlet.Parameters.Where(p => p.Entries.Any(e => e.ByPropertyName) && p.Name != "ReadedToMsgSeq").Select(p => p.Name).OrderBy(n => n));
            }
            // Unread must not bind from a piped conversation's own Unread property.
            Assert.DoesNotContain(BuiltModule.Cmdlets.Single(c => c.Name == "Set-WKConversationUnread").Parameters.Single(p => p.Name == "Unread").Entries, e => e.ByPropertyName);
        }

        [Fact]
        public async Task Get_conversation_where_unread_then_clear_leaves_every_conversation_read()
        {
            // Get-WKConversation -Uid u1 | Where-Object Unread -gt 0 | Clear-WKConversationUnread, as the cmdlets run it.
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string g1 = EmulatorFixture.NewId("g"), g2 = EmulatorFixture.NewId("g");
            await client.Channels.AddSubscribersAsync(g1, WKChannelType.Group, new[] { u1, u2 }, CancellationToken.None);
            await client.Channels.AddSubscribersAsync(g2, WKChannelType.Group, new[] { u1, u2 }, CancellationToken.None);
            await SendAsync(client, g1, WKChannelType.Group, u2);
            await SendAsync(client, g2, WKChannelType.Group, u2);
            await SendAsync(client, g2, WKChannelType.Group, u2);
            await SendAsync(client, u1, WKChannelType.Person, u2);

            async Task<List<WKConversation>> GetAsync()
            {
                int recent = WKConversationCmdletLogic.RecentCount(includeRecent: false, recentCount: null);
                WKConversationPager pager = client.Conversations.CreatePager(WKConversationCmdletLogic.SyncQuery(u1, recent, false, null, null, WKConversationPager.DefaultPageSize));
                var all = new List<WKConversation>();
                while (!pager.Finished)
                {
                    all.AddRange(await pager.NextPageAsync());
                }
                return all;
            }

            List<WKConversation> before = await GetAsync();
            Assert.Equal(new[] { 1, 1, 2 }, before.Select(c => c.Unread).OrderBy(n => n));
            Assert.All(before, c => Assert.Empty(c.Recents));
            await _emulator.ResetStatsAsync();
            foreach (WKConversation c in before.Where(c => c.Unread > 0))
            {
                await client.Conversations.ClearUnreadAsync(c.Uid, c.ChannelId, c.ChannelType, null);
            }
            Assert.Equal(3, await _emulator.RequestCountAsync("POST /conversations/clearUnread"));
            List<WKConversation> after = await GetAsync();
            Assert.Equal(3, after.Count);
            Assert.All(after, c => Assert.Equal(0, c.Unread));
        }

        [Fact]
        public async Task Conversation_channels_pipe_into_remove_and_raising_unread_sends_nothing()
        {
            using WKClient client = NewClient();
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            await SendAsync(client, u1, WKChannelType.Person, u2);
            await SendAsync(client, u1, WKChannelType.Person, u2);

            // Get-WKConversationChannel -Uid u1 | Set-WKConversationUnread -Unread 5: refused with its own ErrorId.
            WKConversationChannel channel = Assert.Single(await client.Conversations.GetChannelsAsync(u1));
            await _emulator.ResetStatsAsync();
            var raise = await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Conversations.LowerUnreadAsync(channel.Uid, channel.ChannelId, channel.ChannelType, 5));
            WKErrorInfo error = WKErrorMapper.Map(raise, WKConversationCmdletLogic.Describe(channel.Uid, channel.ChannelId, channel.ChannelType));
            Assert.Equal("WKUnreadCannotBeRaised", error.ErrorId);
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /conversations/setUnread"));

            // ... | Remove-WKConversation
            await client.Conversations.DeleteAsync(channel.Uid, channel.ChannelId, channel.ChannelType);
            var pager = client.Conversations.CreatePager(new WKConversationQuery { Uid = u1 });
            Assert.Empty(await pager.NextPageAsync());
        }
    }
}
