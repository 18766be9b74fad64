using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class MessagesApiTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture _emulator;

        public MessagesApiTests(EmulatorFixture emulator) => _emulator = emulator;

        public Task InitializeAsync() => _emulator.ResetStatsAsync();

        public Task DisposeAsync() => _emulator.ClearFaultsAsync();

        private WKClient NewClient(int retries = 2) => new WKClient(new WKClientOptions
        {
            BaseUri = _emulator.BaseUri,
            MaximumRetryCount = retries,
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        private static WKSendMessage Group(string channel, string text, string? from = null) =>
            new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, Payload = Encoding.UTF8.GetBytes(text), FromUid = from };

        private static async Task FillAsync(WKClient client, string channel, int count)
        {
            for (int i = 1; i <= count; i++)
            {
                await client.Messages.SendAsync(Group(channel, "m" + i, "u1"));
            }
        }

        [Fact]
        public async Task Send_returns_a_64_bit_id_beyond_2_pow_53_and_the_generated_client_msg_no()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            var message = Group(channel, "hello", "alice");
            WKSendResult result = await client.Messages.SendAsync(message);

            Assert.True(result.MessageId > (1L << 53));
            Assert.Matches("^[0-9a-f]{32}$", result.ClientMsgNo);
            Assert.Null(message.ClientMsgNo); // generated for the request only: the caller's message is never changed
            Assert.Equal(WKSendOutcome.Sent, result.Outcome);

            WKMessage last = await client.Messages.GetLastMessageAsync(channel, WKChannelType.Group, null);
            Assert.Equal(result.MessageId, last.MessageId);
            Assert.Equal(result.MessageIdStr, last.MessageIdStr);
            Assert.Equal(1UL, last.MessageSeq);
            Assert.Equal("hello", last.Text);
            Assert.Null(last.Content);
            Assert.Equal("alice", last.FromUid);
            Assert.Equal(TimeSpan.Zero, last.Timestamp.Offset);
            Assert.True((DateTimeOffset.UtcNow - last.Timestamp).Duration() < TimeSpan.FromMinutes(1));
        }

        [Fact]
        public async Task Message_decodes_json_content_and_keeps_binary_bytes()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, Payload = WKPayload.FromObject(new Hashtable { ["type"] = 1, ["content"] = "hi there" }) });
            await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, Payload = new byte[] { 0, 1, 0xFF, 0xFE } });

            var messages = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group }));
            var content = Assert.IsAssignableFrom<IDictionary>(messages[0].Content);
            Assert.Equal(1L, content["type"]);
            Assert.Equal("hi there", messages[0].Preview);
            Assert.Equal("", messages[0].FromUid); // the system sender is rendered as ""

            Assert.Null(messages[1].Text);
            Assert.Null(messages[1].Content);
            Assert.Equal(new byte[] { 0, 1, 0xFF, 0xFE }, messages[1].Payload);
            Assert.Equal("<4 bytes>", messages[1].Preview);
        }

        [Fact]
        public async Task Person_message_is_stored_under_the_derived_id_and_found_by_client_msg_no_there()
        {
            using WKClient client = NewClient();
            string alice = EmulatorFixture.NewId("a"), bob = EmulatorFixture.NewId("b");
            var message = new WKSendMessage { ChannelId = bob, ChannelType = WKChannelType.Person, FromUid = alice, Payload = Encoding.UTF8.GetBytes("hi bob") };
            WKSendResult sent = await client.Messages.SendAsync(message);

            string stored = WKChannelIds.PersonChannelId(alice, bob);
            WKMessage found = await client.Messages.GetMessageByClientMsgNoAsync(stored, WKChannelType.Person, sent.ClientMsgNo);
            Assert.Equal(sent.MessageId, found.MessageId);
            Assert.Equal(bob, found.ChannelId);

            // The peer uid alone is not the stored id: the server does not convert on this route.
            var miss = await Assert.ThrowsAsync<WKApiException>(() => client.Messages.GetMessageByClientMsgNoAsync(bob, WKChannelType.Person, sent.ClientMsgNo));
            Assert.Equal(WKErrorKind.NotFound, miss.Kind);

            // Bob reads the same channel with alice as the other party.
            var history = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = alice, ChannelType = WKChannelType.Person, LoginUid = bob }));
            Assert.Single(history);
            Assert.Equal(1UL, await client.Messages.GetMaxMessageSeqAsync(alice, WKChannelType.Person, bob));
            Assert.Equal(1UL, await client.Messages.GetMaxMessageSeqAsync(stored, WKChannelType.Person, null));
        }

        [Theory]
        [InlineData("alice", "bob", "bob@alice")]
        [InlineData("____system", "alice", "alice@____system")]
        [InlineData("u1", "u2", "u2@u1")]
        public void Person_channel_id_puts_the_larger_crc32_first(string x, string y, string expected)
        {
            Assert.Equal(expected, WKChannelIds.PersonChannelId(x, y));
            Assert.Equal(expected, WKChannelIds.PersonChannelId(y, x));
            Assert.Equal(0x3610A686u, WKChannelIds.Crc32("hello")); // zlib.crc32(b"hello")
        }

        [Fact]
        public async Task Safe_send_after_an_ambiguous_failure_looks_up_and_stores_the_message_once_where_a_naive_resend_stores_it_twice()
        {
            using WKClient client = NewClient(retries: 2);
            client.Messages.SafeSendLookupDelay = TimeSpan.Zero;
            string channel = EmulatorFixture.NewId("g");

            // The emulator processes the send, then drops the connection: the client cannot know whether it was stored.
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, drop_after_processing = true, path_prefix = "/message/send" });
            var safe = Group(channel, "once");
            WKSendResult result = await client.Messages.SendSafelyAsync(safe);
            await _emulator.ClearFaultsAsync();

            Assert.Equal(WKSendOutcome.FoundAfterAmbiguousFailure, result.Outcome);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /message/send"));
            Assert.Equal(1UL, result.MessageSeq);
            var stored = await client.Messages.GetMessagesAsync(new WKMessageLookup { ChannelId = channel, ChannelType = WKChannelType.Group, MessageSeqs = new ulong[] { 1, 2 } });
            Assert.Single(stored);
            Assert.Equal(result.ClientMsgNo, stored[0].ClientMsgNo);
            Assert.Null(safe.ClientMsgNo); // generated for the request only: the caller's message is never changed
            Assert.Equal(result.MessageId, stored[0].MessageId);

            // The same situation handled naively: the send is simply repeated, and the server stores it twice.
            string naiveChannel = EmulatorFixture.NewId("g");
            var naive = Group(naiveChannel, "twice");
            naive.ClientMsgNo = MessagesApi.NewClientMsgNo(); // a naive resend repeats the same message, number included
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, drop_after_processing = true, path_prefix = "/message/send" });
            var ambiguous = await Assert.ThrowsAsync<WKSendOutcomeUnknownException>(() => client.Messages.SendAsync(naive));
            Assert.True(ambiguous.MayHaveBeenProcessed);
            await _emulator.ClearFaultsAsync();
            await client.Messages.SendAsync(naive);
            Assert.Equal(2UL, await client.Messages.GetMaxMessageSeqAsync(naiveChannel, WKChannelType.Group, null));
            var both = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = naiveChannel, ChannelType = WKChannelType.Group }));
            Assert.All(both, m => Assert.Equal(naive.ClientMsgNo, m.ClientMsgNo));
        }

        [Fact]
        public async Task Safe_send_never_resends_a_no_persist_message_after_an_ambiguous_failure()
        {
            using WKClient client = NewClient(retries: 3);
            client.Messages.SafeSendLookupDelay = TimeSpan.Zero;
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, drop_after_processing = true, path_prefix = "/message/send" });
            var message = Group(EmulatorFixture.NewId("g"), "volatile");
            message.NoPersist = true;
            var ex = await Assert.ThrowsAsync<WKSendOutcomeUnknownException>(() => client.Messages.SendSafelyAsync(message));
            Assert.True(ex.MayHaveBeenProcessed);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /message/send"));
        }

        [Fact]
        public async Task Batch_send_reports_each_uid_and_the_servers_reason_for_failures()
        {
            using WKClient client = NewClient();
            string from = EmulatorFixture.NewId("s"), u1 = EmulatorFixture.NewId("r"), u2 = EmulatorFixture.NewId("r");
            var items = await client.Messages.SendBatchAsync(from, new[] { u1, "bad@uid", u2 }, Encoding.UTF8.GetBytes("notice"));

            Assert.Equal(new[] { u1, "bad@uid", u2 }, items.Select(i => i.Uid));
            Assert.True(items[0].Succeeded);
            Assert.False(items[1].Succeeded);
            Assert.Equal("频道ID不合法！", items[1].Reason);
            Assert.True(items[2].Succeeded);
            WKMessage last = await client.Messages.GetLastMessageAsync(from, WKChannelType.Person, u2);
            Assert.Equal("notice", last.Text);
        }

        [Fact]
        public async Task History_pages_oldest_first_with_an_explicit_limit_and_every_seq_once()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            await FillAsync(client, channel, 250);
            await _emulator.ResetStatsAsync();

            var all = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, PageSize = 100 }));
            Assert.Equal(Enumerable.Range(1, 250).Select(i => (ulong)i), all.Select(m => m.MessageSeq));
            Assert.Equal("m250", all[^1].Text);
            Assert.Equal(3, await _emulator.RequestCountAsync("POST /channel/messagesync"));
        }

        [Fact]
        public async Task History_newest_first_stops_requesting_once_the_count_is_reached()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            await FillAsync(client, channel, 120);
            await _emulator.ResetStatsAsync();

            WKChannelMessagePager pager = client.Messages.CreatePager(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, Order = WKMessageOrder.NewestFirst, MaxCount = 25, PageSize = 10 });
            var seqs = new List<ulong>();
            while (!pager.Finished)
            {
                seqs.AddRange((await pager.NextPageAsync()).Select(m => m.MessageSeq));
            }
            Assert.Equal(Enumerable.Range(96, 25).Reverse().Select(i => (ulong)i), seqs);
            Assert.Equal(3, await _emulator.RequestCountAsync("POST /channel/messagesync"));
        }

        [Theory]
        [InlineData(WKMessageOrder.OldestFirst)]
        [InlineData(WKMessageOrder.NewestFirst)]
        public async Task History_honours_an_inclusive_seq_range_in_both_orders(WKMessageOrder order)
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            await FillAsync(client, channel, 40);
            var range = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, StartSeq = 5, EndSeq = 27, PageSize = 7, Order = order }));
            var expected = Enumerable.Range(5, 23).Select(i => (ulong)i);
            Assert.Equal(order == WKMessageOrder.OldestFirst ? expected : expected.Reverse(), range.Select(m => m.MessageSeq));

            // Newest first with only a lower bound starts from the newest message.
            var tail = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, StartSeq = 35, PageSize = 4, Order = WKMessageOrder.NewestFirst }));
            Assert.Equal(new ulong[] { 40, 39, 38, 37, 36, 35 }, tail.Select(m => m.MessageSeq));
        }

        [Fact]
        public async Task History_newest_first_with_an_end_seq_above_the_last_message_still_reads_the_whole_range()
        {
            // The server counts a down page's window from the start seq, so a start beyond the last seq comes back short
            // (or empty): the pager must not take that for the end of the range.
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            await FillAsync(client, channel, 30);

            var beyond = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, EndSeq = 35, PageSize = 10, Order = WKMessageOrder.NewestFirst }));
            Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => (ulong)i), beyond.Select(m => m.MessageSeq));
            var farBeyond = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, StartSeq = 3, EndSeq = 1000, PageSize = 10, Order = WKMessageOrder.NewestFirst }));
            Assert.Equal(Enumerable.Range(3, 28).Reverse().Select(i => (ulong)i), farBeyond.Select(m => m.MessageSeq));
            var empty = await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = EmulatorFixture.NewId("g"), ChannelType = WKChannelType.Group, EndSeq = 50, PageSize = 10, Order = WKMessageOrder.NewestFirst }));
            Assert.Empty(empty);
        }

        [Fact]
        public async Task History_of_a_person_channel_needs_a_login_uid_before_any_request()
        {
            using WKClient client = NewClient();
            Assert.Throws<WKValidationException>(() => client.Messages.CreatePager(new WKChannelMessageQuery { ChannelId = "bob", ChannelType = WKChannelType.Person }));
            Assert.Throws<WKValidationException>(() => client.Messages.CreatePager(new WKChannelMessageQuery { ChannelId = "g", ChannelType = WKChannelType.Group, PageSize = 10001 }));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.SyncChannelMessagesAsync(new WKMessageSyncRequest { ChannelId = "g", LoginUid = "u", ChannelType = WKChannelType.Group, Limit = 0 }));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /channel/messagesync"));
        }

        [Fact]
        public async Task Look_ups_by_id_seq_and_client_msg_no_and_not_found_as_an_error()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            WKSendResult first = await client.Messages.SendAsync(Group(channel, "one"));
            WKSendResult second = await client.Messages.SendAsync(Group(channel, "two"));

            WKMessage byId = await client.Messages.GetMessageAsync(channel, WKChannelType.Group, second.MessageId);
            Assert.Equal("two", byId.Text);

            var many = await client.Messages.GetMessagesAsync(new WKMessageLookup { ChannelId = channel, ChannelType = WKChannelType.Group, MessageIds = new[] { first.MessageId, 12345L }, ClientMsgNos = new[] { second.ClientMsgNo } });
            Assert.Equal(new[] { "one", "two" }, many.Select(m => m.Text));

            var notFound = await Assert.ThrowsAsync<WKApiException>(() => client.Messages.GetMessageAsync(channel, WKChannelType.Group, 42));
            Assert.Equal(WKErrorKind.NotFound, notFound.Kind);
        }

        [Fact]
        public async Task Last_message_and_max_seq_of_empty_and_never_activated_channels()
        {
            using WKClient client = NewClient();
            string never = EmulatorFixture.NewId("g");
            Assert.Equal(0UL, await client.Messages.GetMaxMessageSeqAsync(never, WKChannelType.Group, null));
            var none = await Assert.ThrowsAsync<WKApiException>(() => client.Messages.GetLastMessageAsync(never, WKChannelType.Group, null));
            Assert.Equal(WKErrorKind.NotFound, none.Kind);
            Assert.Null(await client.Messages.FindLastMessageAsync(never, WKChannelType.Group, null));

            // Reading the history activates the channel: then the server itself answers {"status":404} and 0.
            await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = never, ChannelType = WKChannelType.Group }));
            var empty = await Assert.ThrowsAsync<WKApiException>(() => client.Messages.GetLastMessageAsync(never, WKChannelType.Group, null));
            Assert.Equal(WKErrorKind.NotFound, empty.Kind);
            Assert.Equal(404, empty.ServerStatus);
            Assert.Null(await client.Messages.FindLastMessageAsync(never, WKChannelType.Group, null));
            Assert.Equal(0UL, await client.Messages.GetMaxMessageSeqAsync(never, WKChannelType.Group, null));

            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.GetLastMessageAsync("bob", WKChannelType.Person, null));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.FindLastMessageAsync("bob", WKChannelType.Person, null));
        }

        [Fact]
        public async Task Bad_payloads_and_channels_are_refused_before_any_request()
        {
            using WKClient client = NewClient();
            var invalid = Assert.Throws<WKValidationException>(() => WKPayload.FromBase64("aGVsbG8-"));
            Assert.Contains("illegal base64 data at input byte 7", invalid.Message);
            Assert.Contains("URL-safe", invalid.Message);
            Assert.Contains("illegal base64 data", Assert.Throws<WKValidationException>(() => WKPayload.FromBase64("aGVsbG8")).Message);
            Assert.Equal(Encoding.UTF8.GetBytes("hello"), WKPayload.FromBase64("aGVs\r\nbG8="));
            Assert.Throws<WKValidationException>(() => WKPayload.FromOneOf(null, null, null, null));
            Assert.Throws<WKValidationException>(() => WKPayload.FromOneOf("a", null, new byte[] { 1 }, null));
            Assert.Throws<WKValidationException>(() => WKPayload.FromOneOf("", null, null, null));
            Assert.Throws<WKValidationException>(() => WKPayload.FromObject("not json"));

            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.SendAsync(new WKSendMessage { ChannelId = "g", ChannelType = WKChannelType.Group }));
            var oversized = await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.SendAsync(new WKSendMessage { ChannelId = "g", ChannelType = WKChannelType.Group, Payload = new byte[WKPayload.DefaultMaxBytes + 1] }));
            Assert.Contains("1,048,576", oversized.Message);
            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.SendAsync(Group(" ", "x")));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.SendAsync(Group("a@b", "x")));
            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.SendBatchAsync("", new[] { "u" }, new byte[] { 1 }));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /message/send"));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /message/sendbatch"));
        }

        [Fact]
        public async Task Subscribers_mode_sends_a_command_message_without_an_id()
        {
            using WKClient client = NewClient();
            WKSendResult result = await client.Messages.SendAsync(new WKSendMessage { Subscribers = new[] { "u1", "u2" }, Payload = Encoding.UTF8.GetBytes("{\"cmd\":\"sync\"}") });
            Assert.Equal(0, result.MessageId);
            Assert.Equal(new[] { "u1", "u2" }, result.Subscribers);
        }

        [Fact]
        public async Task Stream_events_accumulate_text_close_the_lane_and_show_on_the_message()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            var anchor = Group(channel, "thinking...", "bot");
            anchor.IsStream = true;
            WKSendResult sent = await client.Messages.SendAsync(anchor);

            foreach (string part in new[] { "Hel", "lo" })
            {
                WKMessageEventResult delta = await client.Messages.AddEventAsync(new WKMessageEventRequest
                {
                    ChannelId = channel, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo, EventType = "stream.delta",
                    PayloadJson = "{\"kind\":\"text\",\"delta\":\"" + part + "\"}",
                });
                Assert.Equal(0UL, delta.MsgEventSeq);
                Assert.Equal("open", delta.StreamStatus);
                Assert.Equal("bot", delta.FromUid); // auto-filled from the is_stream send
            }
            WKMessageEventResult close = await client.Messages.AddEventAsync(new WKMessageEventRequest
            {
                ChannelId = channel, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo, EventType = "stream.close", PayloadJson = "{\"end_reason\":1}",
            });
            Assert.Equal(1UL, close.MsgEventSeq);
            Assert.Equal("closed", close.StreamStatus);

            var events = await Collect(client.Messages.GetEventsAsync(new WKMessageEventQuery { ChannelId = channel, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo }));
            WKMessageEvent lane = Assert.Single(events);
            Assert.Equal("main", lane.EventKey);
            Assert.Equal("Hello", lane.Text);
            Assert.Equal(sent.ClientMsgNo, lane.ClientMsgNo);

            WKMessage message = (await Collect(client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group })))[0];
            Assert.True(message.IsStream);
            Assert.True(message.IsEnded);
            Assert.Equal(1, message.EndReason);
            Assert.Equal("Hello", message.StreamText);
            Assert.Equal("closed", Assert.Single(message.EventMeta!.Events!).Status);

            await Assert.ThrowsAsync<WKValidationException>(() => client.Messages.AddEventAsync(new WKMessageEventRequest { ChannelId = channel, ChannelType = WKChannelType.Group, ClientMsgNo = sent.ClientMsgNo, EventType = "stream.delta", PayloadJson = "{bad" }));
        }

        [Fact]
        public async Task Event_sync_pages_follow_more_until_every_lane_is_read()
        {
            using WKClient client = NewClient();
            string channel = EmulatorFixture.NewId("g");
            string no = MessagesApi.NewClientMsgNo();
            foreach (string key in new[] { "a", "b", "c", "d", "e" })
            {
                await client.Messages.AddEventAsync(new WKMessageEventRequest { ChannelId = channel, ChannelType = WKChannelType.Group, ClientMsgNo = no, EventKey = key, EventType = "stream.snapshot", PayloadJson = "{\"kind\":\"text\",\"text\":\"" + key + "\"}" });
            }
            await _emulator.ResetStatsAsync();
            var events = await Collect(client.Messages.GetEventsAsync(new WKMessageEventQuery { ChannelId = channel, ChannelType = WKChannelType.Group, ClientMsgNo = no, PageSize = 2 }));
            Assert.Equal(new[] { "a", "b", "c", "d", "e" }, events.Select(e => e.EventKey));
            Assert.Equal(new ulong[] { 1, 2, 3, 4, 5 }, events.Select(e => e.MsgEventSeq));
            Assert.Equal(3, await _emulator.RequestCountAsync("POST /message/eventsync"));
        }

        internal static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
        {
            var list = new List<T>();
            await foreach (T item in source)
            {
                list.Add(item);
            }
            return list;
        }
    }
}
