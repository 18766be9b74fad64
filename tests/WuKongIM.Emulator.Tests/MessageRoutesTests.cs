using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>The message routes against wukongim-api.md §3.7: status codes, msg texts, content types and shapes.</summary>
    public sealed class MessageRoutesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _e;

        public MessageRoutesTests(EmulatorFixture emulator) => _e = emulator;

        private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        private async Task<JsonElement> SendAsync(string channelId, int type, string text, string from = "", string extra = "")
        {
            var (status, body, _) = await _e.PostRawAsync("/message/send",
                "{\"channel_id\":\"" + channelId + "\",\"channel_type\":" + type + ",\"from_uid\":\"" + from + "\",\"payload\":\"" + B64(text) + "\"" + extra + "}");
            Assert.Equal(200, status);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        private async Task<JsonElement> SyncAsync(string json)
        {
            var (status, body, _) = await _e.PostRawAsync("/channel/messagesync", json);
            Assert.Equal(200, status);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        private static ulong[] Seqs(JsonElement page) => page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("message_seq").GetUInt64()).ToArray();

        [Theory]
        [InlineData("", "EOF")]
        [InlineData("{\"payload\":\"aGVsbG8-\"}", "illegal base64 data at input byte 7")]
        [InlineData("{\"payload\":\"!!\"}", "illegal base64 data at input byte 0")]
        [InlineData("{\"channel_type\":\"2\",\"payload\":\"aA==\"}", "json: cannot unmarshal string into Go struct field messageSendReq.channel_type of type uint8")]
        [InlineData("{\"header\":{\"red_dot\":\"1\"},\"payload\":\"aA==\"}", "json: cannot unmarshal string into Go struct field messageSendReq.header.red_dot of type int")]
        [InlineData("{\"channel_id\":\"g1\",\"channel_type\":2}", "payload不能为空！")]
        [InlineData("{\"channel_id\":\"g1\",\"channel_type\":2,\"payload\":\"\"}", "payload不能为空！")]
        [InlineData("{\"channel_id\":\"  \",\"payload\":\"aA==\"}", "无法处理发送消息请求！")]
        [InlineData("{\"subscribers\":[\"u1\"],\"payload\":\"aA==\"}", "无法处理发送消息请求！")]
        [InlineData("{\"channel_id\":\"g1\",\"subscribers\":[\"u1\"],\"header\":{\"sync_once\":1},\"payload\":\"aA==\"}", "无法处理发送消息请求！")]
        [InlineData("{\"channel_id\":\"a#b\",\"channel_type\":2,\"payload\":\"aA==\"}", "频道ID不合法！")]
        public async Task Send_errors_have_the_servers_text_and_lose_the_json_content_type(string body, string msg)
        {
            var (status, text, contentType) = await _e.PostRawAsync("/message/send", body);
            Assert.Equal(400, status);
            Assert.Equal("text/plain", contentType);
            using JsonDocument doc = JsonDocument.Parse(text);
            Assert.Equal(msg, doc.RootElement.GetProperty("msg").GetString());
            Assert.Equal(400, doc.RootElement.GetProperty("status").GetInt32());
        }

        [Fact]
        public async Task Send_answers_ok_data_with_message_id_and_client_msg_no_and_no_seq()
        {
            string channel = EmulatorFixture.NewId("g");
            JsonElement sent = await SendAsync(channel, 2, "hi", extra: ",\"client_msg_no\":\"my-no\"");
            Assert.Equal(200, sent.GetProperty("status").GetInt32());
            JsonElement data = sent.GetProperty("data");
            Assert.Equal(new[] { "client_msg_no", "message_id" }, data.EnumerateObject().Select(p => p.Name));
            Assert.Equal("my-no", data.GetProperty("client_msg_no").GetString());
            Assert.True(data.GetProperty("message_id").GetInt64() > (1L << 53));

            JsonElement generated = (await SendAsync(channel, 2, "again")).GetProperty("data");
            Assert.Matches("^[0-9a-f]{32}0$", generated.GetProperty("client_msg_no").GetString());

            var (status, body, _) = await _e.PostRawAsync("/message/send", "{\"subscribers\":[\"u1\",\"u2\"],\"header\":{\"sync_once\":1},\"payload\":\"aA==\"}");
            Assert.Equal(200, status);
            Assert.Equal("{\"status\":200}", body);
        }

        [Fact]
        public async Task A_repeated_client_msg_no_is_stored_twice_and_lookups_pick_oldest_or_newest()
        {
            string channel = EmulatorFixture.NewId("g");
            await SendAsync(channel, 2, "first", extra: ",\"client_msg_no\":\"dup\"");
            await SendAsync(channel, 2, "second", extra: ",\"client_msg_no\":\"dup\"");

            var (_, byNo, _) = await _e.GetRawAsync("/message/byclientmsgno?channel_id=" + channel + "&channel_type=2&client_msg_no=dup");
            Assert.Equal(1UL, JsonDocument.Parse(byNo).RootElement.GetProperty("message_seq").GetUInt64());
            var (_, many, _) = await _e.PostRawAsync("/messages", "{\"channel_id\":\"" + channel + "\",\"channel_type\":2,\"client_msg_nos\":[\"dup\"]}");
            Assert.Equal(new ulong[] { 2 }, Seqs(JsonDocument.Parse(many).RootElement));
        }

        [Fact]
        public async Task Stored_message_renders_as_message_resp_with_the_system_sender_as_empty()
        {
            string channel = EmulatorFixture.NewId("g");
            await SendAsync(channel, 2, "hello", extra: ",\"expire\":60,\"header\":{\"red_dot\":1}");
            var (status, body, contentType) = await _e.GetRawAsync("/channel/last_message?channel_id=" + channel + "&channel_type=2");
            Assert.Equal(200, status);
            Assert.Equal("application/json", contentType);
            JsonElement m = JsonDocument.Parse(body).RootElement;
            Assert.Equal(new[] { "header", "setting", "message_id", "message_idstr", "client_msg_no", "message_seq", "from_uid", "channel_id", "channel_type", "expire", "timestamp", "payload" }, m.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, m.GetProperty("header").GetProperty("red_dot").GetInt32());
            Assert.Equal(m.GetProperty("message_id").GetInt64().ToString(), m.GetProperty("message_idstr").GetString());
            Assert.Equal("", m.GetProperty("from_uid").GetString());
            Assert.Equal(60, m.GetProperty("expire").GetInt32());
            Assert.Equal(B64("hello"), m.GetProperty("payload").GetString());
        }

        [Fact]
        public async Task Person_message_is_stored_under_the_crc_ordered_id_and_rendered_relative_to_the_sender()
        {
            string alice = EmulatorFixture.NewId("a"), bob = EmulatorFixture.NewId("b");
            await SendAsync(bob, 1, "to bob", alice);
            await SendAsync(alice, 1, "to alice", bob);
            string stored = Hashes.PersonChannelId(alice, bob);

            JsonElement page = await SyncAsync("{\"login_uid\":\"" + alice + "\",\"channel_id\":\"" + bob + "\",\"channel_type\":1,\"limit\":10}");
            var messages = page.GetProperty("messages").EnumerateArray().ToArray();
            Assert.Equal(2, messages.Length);
            Assert.Equal(bob, messages[0].GetProperty("channel_id").GetString()); // alice's message shows the peer
            Assert.Equal(alice, messages[1].GetProperty("channel_id").GetString()); // bob's message shows alice

            var (_, max, _) = await _e.GetRawAsync("/channel/max_message_seq?channel_id=" + Uri.EscapeDataString(stored) + "&channel_type=1");
            Assert.Equal("{\"message_seq\":2}", max);
            var (_, miss, _) = await _e.GetRawAsync("/message/byclientmsgno?channel_id=" + bob + "&channel_type=1&client_msg_no=x");
            Assert.Equal("{\"status\":404}", miss);
        }

        [Fact]
        public async Task Banned_or_disbanded_channel_answers_success_but_stores_nothing_while_person_bans_do_not_block()
        {
            var app = new EmulatorApp(null);
            lock (app.State.Sync)
            {
                app.State.GetOrCreateChannel("banned", 2, listable: true).Ban = true;
                app.State.GetOrCreateChannel("gone", 2, listable: true).Disband = true;
                app.State.GetOrCreateChannel("bob", 1, listable: true).Ban = true;
            }
            foreach (var (channel, type) in new[] { ("banned", 2), ("gone", 2), ("bob", 1) })
            {
                ApiResult r = app.Dispatch("", false, "POST", "/message/send", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{\"channel_id\":\"" + channel + "\",\"channel_type\":" + type + ",\"from_uid\":\"alice\",\"payload\":\"aA==\"}"), out _);
                Assert.Equal(200, r.StatusCode);
                Assert.True(JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("message_id").GetInt64() > 0);
            }
            Assert.Equal(0UL, app.State.LastMessageSeq("banned", 2));
            Assert.Equal(0UL, app.State.LastMessageSeq("gone", 2));
            Assert.Equal(1UL, app.State.LastMessageSeq(Hashes.PersonChannelId("alice", "bob"), 1));
        }

        [Fact]
        public void No_persist_consumes_no_seq_and_sequences_stay_gap_free()
        {
            var app = new EmulatorApp(null);
            ApiResult Send(string extra) => app.Dispatch("", false, "POST", "/message/send", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{\"channel_id\":\"g\",\"channel_type\":2,\"payload\":\"aA==\"" + extra + "}"), out _);
            Send("");
            Send(",\"header\":{\"no_persist\":1}");
            Send(",\"header\":{\"no_persist\":2}"); // only 1 means "on"
            Assert.Equal(new ulong[] { 1, 2 }, app.State.Messages[("g", 2)].Select(m => m.MessageSeq));
            Send(",\"header\":{\"sync_once\":1}");
            Assert.Equal(1UL, app.State.LastMessageSeq("g____cmd", 2));
        }

        [Fact]
        public void Conversations_follow_the_servers_rules_for_person_group_and_command_messages()
        {
            var app = new EmulatorApp(null);
            void Send(string json) => Assert.Equal(200, app.Dispatch("", false, "POST", "/message/send", new Dictionary<string, string>(), Encoding.UTF8.GetBytes(json), out _).StatusCode);
            lock (app.State.Sync)
            {
                app.State.SubscribersOf("g1", 2).UnionWith(new[] { "alice", "carol" });
            }

            Send("{\"channel_id\":\"bob\",\"channel_type\":1,\"from_uid\":\"alice\",\"payload\":\"aA==\"}");
            Send("{\"channel_id\":\"bob\",\"channel_type\":1,\"from_uid\":\"alice\",\"payload\":\"aA==\"}");
            string person = Hashes.PersonChannelId("alice", "bob");
            Assert.Equal(1UL, app.State.Conversations[("alice", person, 1)].ReadedToMsgSeq);
            Assert.Equal(0UL, app.State.Conversations[("bob", person, 1)].ReadedToMsgSeq);
            Assert.Equal(2UL, app.State.LastMessageSeqFrom(person, 1, "alice"));

            Send("{\"channel_id\":\"g1\",\"channel_type\":2,\"from_uid\":\"alice\",\"payload\":\"aA==\"}");
            Assert.DoesNotContain(app.State.Conversations.Keys, k => k.ChannelId == "g1");

            Send("{\"channel_id\":\"g1\",\"channel_type\":2,\"from_uid\":\"alice\",\"header\":{\"sync_once\":1},\"payload\":\"aA==\"}");
            Assert.True(app.State.Conversations[("carol", "g1____cmd", 2)].IsCommand);
            Assert.Equal(0UL, app.State.Conversations[("carol", "g1____cmd", 2)].ReadedToMsgSeq);
            Assert.Equal(1UL, app.State.Conversations[("alice", "g1____cmd", 2)].ReadedToMsgSeq);
        }

        [Fact]
        public async Task Command_sync_returns_unread_command_messages_and_syncack_advances_them()
        {
            string uid = EmulatorFixture.NewId("u");
            var (status, _, _) = await _e.PostRawAsync("/message/send", "{\"subscribers\":[\"" + uid + "\"],\"header\":{\"sync_once\":1},\"payload\":\"" + B64("cmd1") + "\"}");
            Assert.Equal(200, status);
            await _e.PostRawAsync("/message/send", "{\"subscribers\":[\"" + uid + "\"],\"header\":{\"sync_once\":1},\"payload\":\"" + B64("cmd2") + "\"}");

            var (_, sync, _) = await _e.PostRawAsync("/message/sync", "{\"uid\":\"" + uid + "\",\"limit\":0}");
            var payloads = JsonDocument.Parse(sync).RootElement.EnumerateArray().Select(m => Encoding.UTF8.GetString(m.GetProperty("payload").GetBytesFromBase64())).ToArray();
            Assert.Equal(new[] { "cmd1", "cmd2" }, payloads);

            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/message/syncack", "{\"uid\":\"" + uid + "\",\"last_message_seq\":2}")).Body);
            Assert.Equal("[]", (await _e.PostRawAsync("/message/sync", "{\"uid\":\"" + uid + "\"}")).Body);

            Assert.Equal("用户uid不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message/sync", "{\"uid\":\" \"}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("limit不能为负数！", JsonDocument.Parse((await _e.PostRawAsync("/message/sync", "{\"uid\":\"u\",\"limit\":-1}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("最后一次messageSeq不能为0！", JsonDocument.Parse((await _e.PostRawAsync("/message/syncack", "{\"uid\":\"u\"}")).Body).RootElement.GetProperty("msg").GetString());
        }

        [Fact]
        public async Task Sendbatch_validates_in_order_and_lists_failed_uids_with_reasons()
        {
            Assert.Equal("from_uid不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message/sendbatch", "{\"subscribers\":[\"u\"],\"payload\":\"aA==\"}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("subscribers不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message/sendbatch", "{\"from_uid\":\"s\",\"payload\":\"aA==\"}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("payload不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message/sendbatch", "{\"from_uid\":\"s\",\"subscribers\":[\"u\"]}")).Body).RootElement.GetProperty("msg").GetString());
            var bad = await _e.PostRawAsync("/message/sendbatch", "{\"from_uid\":1}");
            Assert.Equal("text/plain", bad.ContentType);
            Assert.Equal("json: cannot unmarshal number into Go struct field .from_uid of type string", JsonDocument.Parse(bad.Body).RootElement.GetProperty("msg").GetString());

            var (status, body, _) = await _e.PostRawAsync("/message/sendbatch", "{\"from_uid\":\"s\",\"subscribers\":[\"ok\",\"x&y\"],\"payload\":\"aA==\"}");
            Assert.Equal(200, status);
            Assert.Equal("{\"fail_uids\":[\"x&y\"],\"reason\":[\"频道ID不合法！\"]}", body);
            Assert.Equal("{\"fail_uids\":[],\"reason\":[]}", (await _e.PostRawAsync("/message/sendbatch", "{\"from_uid\":\"s\",\"subscribers\":[\"ok\"],\"payload\":\"aA==\"}")).Body);
        }

        [Fact]
        public async Task Message_and_messages_validate_and_report_not_found_as_status_404_on_http_200()
        {
            Assert.Equal("数据格式有误！", JsonDocument.Parse((await _e.PostRawAsync("/message", "{")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("channel_id不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message", "{}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("channel_type不能为0", JsonDocument.Parse((await _e.PostRawAsync("/message", "{\"channel_id\":\"g\"}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("login_uid不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/message", "{\"channel_id\":\"g\",\"channel_type\":1}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("数据格式有误！", JsonDocument.Parse((await _e.PostRawAsync("/messages", "[]")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("channel_id不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/messages", "{}")).Body).RootElement.GetProperty("msg").GetString());

            string channel = EmulatorFixture.NewId("g");
            await SendAsync(channel, 2, "x", extra: ",\"client_msg_no\":\"cno\"");
            // /message by client_msg_no alone never finds anything in v2.2.5.
            var (status, body, _) = await _e.PostRawAsync("/message", "{\"channel_id\":\"" + channel + "\",\"channel_type\":2,\"client_msg_no\":\"cno\"}");
            Assert.Equal(200, status);
            Assert.Equal("{\"status\":404}", body);
            Assert.Equal("{\"start_message_seq\":0,\"end_message_seq\":0,\"more\":0,\"messages\":[]}", (await _e.PostRawAsync("/messages", "{\"channel_id\":\"" + channel + "\",\"channel_type\":2,\"message_seqs\":[9]}")).Body);

            Assert.Equal("channel_id不能为空", JsonDocument.Parse((await _e.GetRawAsync("/message/byclientmsgno")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("channel_type不能为0", JsonDocument.Parse((await _e.GetRawAsync("/message/byclientmsgno?channel_id=g")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("client_msg_no不能为空", JsonDocument.Parse((await _e.GetRawAsync("/message/byclientmsgno?channel_id=g&channel_type=2")).Body).RootElement.GetProperty("msg").GetString());
        }

        [Fact]
        public async Task Messagesync_validates_channel_then_login_uid_and_reports_decode_errors_raw()
        {
            Assert.Equal("channel_id不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/channel/messagesync", "{\"login_uid\":\"u\"}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("login_uid不能为空！", JsonDocument.Parse((await _e.PostRawAsync("/channel/messagesync", "{\"channel_id\":\"g\"}")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("json: cannot unmarshal string into Go struct field .pull_mode of type api.PullMode",
                JsonDocument.Parse((await _e.PostRawAsync("/channel/messagesync", "{\"pull_mode\":\"1\"}")).Body).RootElement.GetProperty("msg").GetString());
        }

        [Fact]
        public async Task Messagesync_pull_modes_limits_and_more_follow_the_storage_rules()
        {
            string g = EmulatorFixture.NewId("g");
            for (int i = 0; i < 30; i++)
            {
                await SendAsync(g, 2, "m" + i);
            }
            string Req(string rest) => "{\"login_uid\":\"any\",\"channel_id\":\"" + g + "\",\"channel_type\":2" + rest + "}";

            JsonElement newest = await SyncAsync(Req(",\"limit\":5"));
            Assert.Equal(new ulong[] { 26, 27, 28, 29, 30 }, Seqs(newest));
            Assert.Equal(1, newest.GetProperty("more").GetInt32());

            // Without a limit, down mode returns nothing yet says "more"; up mode returns everything.
            JsonElement noLimit = await SyncAsync(Req(""));
            Assert.Empty(Seqs(noLimit));
            Assert.Equal(1, noLimit.GetProperty("more").GetInt32());
            Assert.Equal(28, Seqs(await SyncAsync(Req(",\"start_message_seq\":3,\"pull_mode\":1"))).Length);

            Assert.Equal(new ulong[] { 10, 11, 12 }, Seqs(await SyncAsync(Req(",\"start_message_seq\":10,\"limit\":3,\"pull_mode\":1"))));
            JsonElement upBounded = await SyncAsync(Req(",\"start_message_seq\":10,\"end_message_seq\":13,\"limit\":3,\"pull_mode\":1"));
            Assert.Equal(new ulong[] { 10, 11, 12 }, Seqs(upBounded)); // end is exclusive
            Assert.Equal(1, upBounded.GetProperty("more").GetInt32());
            Assert.Equal(10UL, upBounded.GetProperty("start_message_seq").GetUInt64());

            JsonElement down = await SyncAsync(Req(",\"start_message_seq\":20,\"end_message_seq\":15,\"limit\":3"));
            Assert.Equal(new ulong[] { 18, 19, 20 }, Seqs(down)); // newest of (end, start], ascending
            Assert.Equal(new ulong[] { 16, 17, 18, 19, 20 }, Seqs(await SyncAsync(Req(",\"start_message_seq\":20,\"end_message_seq\":15,\"limit\":50"))));
            Assert.Empty(Seqs(await SyncAsync(Req(",\"start_message_seq\":5,\"end_message_seq\":8,\"limit\":50"))));

            // The docs' "older messages" example (end 1000, pull up) returns the channel's first messages.
            Assert.Equal(new ulong[] { 1, 2 }, Seqs(await SyncAsync(Req(",\"end_message_seq\":1000,\"limit\":2,\"pull_mode\":1"))));
            // A page that exactly fills the limit says "more" even when the range is exhausted: pagers must stop on their own.
            JsonElement exact = await SyncAsync(Req(",\"start_message_seq\":28,\"end_message_seq\":31,\"limit\":3,\"pull_mode\":1"));
            Assert.Equal(new ulong[] { 28, 29, 30 }, Seqs(exact));
            Assert.Equal(1, exact.GetProperty("more").GetInt32());
            Assert.Equal(0, (await SyncAsync(Req(",\"start_message_seq\":29,\"limit\":3,\"pull_mode\":1"))).GetProperty("more").GetInt32());
        }

        [Fact]
        public async Task Messagesync_down_from_a_start_beyond_the_last_seq_reads_only_the_limit_window_below_start()
        {
            // LoadPrevRangeMsgs (pkg/wkdb/message.go) reads the window [start - limit + 1, start] and then clips it at the
            // channel's last seq: a start above the last seq gives a short page, or none, not the newest `limit` messages.
            string g = EmulatorFixture.NewId("g");
            for (int i = 0; i < 30; i++)
            {
                await SendAsync(g, 2, "m" + i);
            }
            string Req(string rest) => "{\"login_uid\":\"any\",\"channel_id\":\"" + g + "\",\"channel_type\":2" + rest + "}";

            JsonElement partial = await SyncAsync(Req(",\"start_message_seq\":35,\"limit\":10"));
            Assert.Equal(new ulong[] { 26, 27, 28, 29, 30 }, Seqs(partial));
            Assert.Equal(0, partial.GetProperty("more").GetInt32());
            Assert.Empty(Seqs(await SyncAsync(Req(",\"start_message_seq\":100,\"limit\":10"))));
            Assert.Equal(new ulong[] { 28, 29, 30 }, Seqs(await SyncAsync(Req(",\"start_message_seq\":32,\"end_message_seq\":20,\"limit\":5"))));
            // Within the channel nothing changes: the newest `limit` of (end, start].
            Assert.Equal(new ulong[] { 26, 27, 28, 29, 30 }, Seqs(await SyncAsync(Req(",\"start_message_seq\":30,\"limit\":5"))));
        }

        [Fact]
        public void Messagesync_caps_the_limit_at_10000()
        {
            var all = Enumerable.Range(1, 12000).Select(i => new StoredMessage { MessageSeq = (ulong)i }).ToList();
            Assert.Equal(10000, WuKongIM.Emulator.Areas.MessageRoutes.SelectPage(all, 0, 0, 0, 10000).Count);
            var app = new EmulatorApp(null);
            lock (app.State.Sync)
            {
                List<StoredMessage> list = app.State.MessagesOf("big", 2);
                list.AddRange(all.Select(m => new StoredMessage { MessageSeq = m.MessageSeq, ChannelId = "big", ChannelType = 2, MessageId = (long)m.MessageSeq }));
            }
            ApiResult r = app.Dispatch("", false, "POST", "/channel/messagesync", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{\"login_uid\":\"u\",\"channel_id\":\"big\",\"channel_type\":2,\"start_message_seq\":1,\"pull_mode\":1,\"limit\":50000}"), out _);
            JsonElement page = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal(10000, page.GetProperty("messages").GetArrayLength());
            Assert.Equal(1, page.GetProperty("more").GetInt32());
        }

        [Fact]
        public async Task Never_activated_channels_surface_storage_errors_until_activated()
        {
            string g = EmulatorFixture.NewId("g");
            var max = await _e.GetRawAsync("/channel/max_message_seq?channel_id=" + g + "&channel_type=2");
            Assert.Equal(400, max.Status);
            Assert.Equal("not found", JsonDocument.Parse(max.Body).RootElement.GetProperty("msg").GetString());
            var last = await _e.GetRawAsync("/channel/last_message?channel_id=" + g + "&channel_type=2");
            Assert.Equal("获取频道所在节点失败！", JsonDocument.Parse(last.Body).RootElement.GetProperty("msg").GetString());

            await SyncAsync("{\"login_uid\":\"u\",\"channel_id\":\"" + g + "\",\"channel_type\":2,\"limit\":1}");
            Assert.Equal("{\"message_seq\":0}", (await _e.GetRawAsync("/channel/max_message_seq?channel_id=" + g + "&channel_type=2")).Body);
            var empty = await _e.GetRawAsync("/channel/last_message?channel_id=" + g + "&channel_type=2");
            Assert.Equal(200, empty.Status);
            Assert.Equal("{\"status\":404}", empty.Body);

            Assert.Equal("channel_id不能为空", JsonDocument.Parse((await _e.GetRawAsync("/channel/max_message_seq")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("login_uid不能为空", JsonDocument.Parse((await _e.GetRawAsync("/channel/max_message_seq?channel_id=bob&channel_type=1")).Body).RootElement.GetProperty("msg").GetString());
            Assert.Equal("login_uid不能为空", JsonDocument.Parse((await _e.GetRawAsync("/channel/last_message?channel_id=bob&channel_type=1")).Body).RootElement.GetProperty("msg").GetString());
        }
    }
}
