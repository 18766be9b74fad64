using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Areas;
using WuKongIM.Emulator.Core;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>
    /// The conversation reads against wukongim-api.md §3.8 and §11.5: /conversation/sync (its whole algorithm),
    /// /conversation/syncByChannels, /conversation/syncMessages, GET /cluster/conversations, and the receiver tag a send builds.
    /// </summary>
    public sealed class ConversationSyncRouteTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _e;

        public ConversationSyncRouteTests(EmulatorFixture emulator) => _e = emulator;

        private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        private async Task SendAsync(string channelId, int type, string from, string text = "hi", string extra = "")
        {
            var (status, body, _) = await _e.PostRawAsync("/message/send",
                "{\"channel_id\":\"" + channelId + "\",\"channel_type\":" + type + ",\"from_uid\":\"" + from + "\",\"payload\":\"" + B64(text) + "\"" + extra + "}");
            Assert.True(status == 200, body);
        }

        private async Task<string> GroupAsync(params string[] members)
        {
            string group = EmulatorFixture.NewId("g");
            string uids = string.Join(",", members.Select(m => "\"" + m + "\""));
            Assert.Equal(200, (await _e.PostRawAsync("/channel/subscriber_add", "{\"channel_id\":\"" + group + "\",\"channel_type\":2,\"subscribers\":[" + uids + "]}")).Status);
            return group;
        }

        private async Task<JsonElement> PostJsonAsync(string path, string body)
        {
            var (status, text, type) = await _e.PostRawAsync(path, body);
            Assert.True(status == 200, text);
            Assert.Equal("application/json", type);
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        private Task<JsonElement> SyncAsync(string uid, string extra = "", int msgCount = 5) =>
            PostJsonAsync("/conversation/sync", "{\"uid\":\"" + uid + "\",\"msg_count\":" + msgCount + extra + "}");

        private static JsonElement Find(JsonElement list, string channelId) => list.EnumerateArray().Single(c => c.GetProperty("channel_id").GetString() == channelId);

        private static bool Has(JsonElement list, string channelId) => list.EnumerateArray().Any(c => c.GetProperty("channel_id").GetString() == channelId);

        private static ulong[] RecentSeqs(JsonElement entry) => entry.GetProperty("recents").EnumerateArray().Select(m => m.GetProperty("message_seq").GetUInt64()).ToArray();

        [Fact]
        public async Task Msg_count_zero_returns_nothing_and_one_returns_the_conversation_with_unread_and_nanosecond_version()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1, u2);
            await SendAsync(group, 2, u2, "one");
            await SendAsync(group, 2, u2, "two");
            await SendAsync(group, 2, u2, "three");

            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/sync", "{\"uid\":\"" + u1 + "\"}")).Body);
            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/sync", "{\"uid\":\"" + u1 + "\",\"msg_count\":-1}")).Body);

            JsonElement entry = Find(await SyncAsync(u1, msgCount: 2), group);
            Assert.Equal(new[] { "channel_id", "channel_type", "unread", "timestamp", "last_msg_seq", "last_client_msg_no", "offset_msg_seq", "readed_to_msg_seq", "version", "recents" },
                entry.EnumerateObject().Select(p => p.Name));
            Assert.Equal(3, entry.GetProperty("unread").GetInt32());
            Assert.Equal(3u, entry.GetProperty("last_msg_seq").GetUInt32());
            Assert.Equal(0u, entry.GetProperty("readed_to_msg_seq").GetUInt32());
            Assert.Equal(0, entry.GetProperty("offset_msg_seq").GetInt64());
            long timestamp = entry.GetProperty("timestamp").GetInt64();
            Assert.Equal(timestamp * 1_000_000_000L, entry.GetProperty("version").GetInt64());
            Assert.Equal(new ulong[] { 3, 2 }, RecentSeqs(entry));
            JsonElement newest = entry.GetProperty("recents")[0];
            Assert.Equal(B64("three"), newest.GetProperty("payload").GetString());
            Assert.Equal(newest.GetProperty("client_msg_no").GetString(), entry.GetProperty("last_client_msg_no").GetString());
        }

        [Fact]
        public async Task The_users_own_messages_count_as_read()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1, u2);
            await SendAsync(group, 2, u2);
            await SendAsync(group, 2, u1);
            await SendAsync(group, 2, u2);
            await SendAsync(group, 2, u2);

            // u1's own message (seq 2) is after its read-up-to (0): unread counts from it.
            JsonElement u1Entry = Find(await SyncAsync(u1), group);
            Assert.Equal(2, u1Entry.GetProperty("unread").GetInt32());
            Assert.Equal(2u, u1Entry.GetProperty("readed_to_msg_seq").GetUInt32());

            // u2 sent the newest message: nothing unread for u2.
            JsonElement u2Entry = Find(await SyncAsync(u2), group);
            Assert.Equal(0, u2Entry.GetProperty("unread").GetInt32());
            Assert.Equal(4u, u2Entry.GetProperty("readed_to_msg_seq").GetUInt32());
        }

        [Fact]
        public async Task Only_unread_and_version_hide_read_conversations_and_start_recents_after_read_up_to()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string read = await GroupAsync(u1, u2), unread = await GroupAsync(u1, u2);
            await SendAsync(read, 2, u2);
            await SendAsync(unread, 2, u2);
            await SendAsync(unread, 2, u2);
            Assert.Equal(200, (await _e.PostRawAsync("/conversations/clearUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + read + "\",\"channel_type\":2}")).Status);
            Assert.Equal(200, (await _e.PostRawAsync("/conversations/setUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + unread + "\",\"channel_type\":2,\"unread\":1}")).Status);

            JsonElement all = await SyncAsync(u1);
            Assert.True(Has(all, read));
            Assert.Equal(0, Find(all, read).GetProperty("unread").GetInt32());
            Assert.Equal(new ulong[] { 2, 1 }, RecentSeqs(Find(all, unread)));

            foreach (string mode in new[] { ",\"only_unread\":1", ",\"version\":1" })
            {
                JsonElement onlyUnread = await SyncAsync(u1, mode);
                Assert.False(Has(onlyUnread, read));
                JsonElement entry = Find(onlyUnread, unread);
                Assert.Equal(1, entry.GetProperty("unread").GetInt32());
                Assert.Equal(new ulong[] { 2 }, RecentSeqs(entry));
            }
        }

        [Fact]
        public async Task Person_conversations_show_the_peer_and_system_senders_are_skipped()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            await SendAsync(u2, 1, u1, "hello");
            JsonElement forU2 = Find(await SyncAsync(u2), u1);
            Assert.Equal(1, forU2.GetProperty("channel_type").GetInt32());
            Assert.Equal(1, forU2.GetProperty("unread").GetInt32());
            JsonElement forU1 = Find(await SyncAsync(u1), u2);
            Assert.Equal(0, forU1.GetProperty("unread").GetInt32());

            // The person list of /conversation/channels uses the stored a@b id.
            JsonElement channels = await PostJsonAsync("/conversation/channels", "{\"uid\":\"" + u2 + "\"}");
            Assert.Equal(Hashes.PersonChannelId(u1, u2), Assert.Single(channels.EnumerateArray()).GetProperty("channel_id").GetString());

            string u3 = EmulatorFixture.NewId("u");
            await SendAsync(u3, 1, "", "notice");
            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/sync", "{\"uid\":\"" + u3 + "\",\"msg_count\":3}")).Body);
            Assert.Equal(200, (await _e.PostRawAsync("/conversation/channels", "{\"uid\":\"" + u3 + "\"}")).Status);
        }

        [Fact]
        public async Task A_deleted_conversation_returns_with_the_next_message_and_only_newer_recents()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1, u2);
            await SendAsync(group, 2, u2);
            await SendAsync(group, 2, u2);
            Assert.Equal("{\"status\":200}", (await _e.PostRawAsync("/conversations/delete", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + group + "\",\"channel_type\":2}")).Body);
            Assert.False(Has(await SyncAsync(u1), group));

            await SendAsync(group, 2, u2);
            JsonElement entry = Find(await SyncAsync(u1), group);
            Assert.Equal(new ulong[] { 3 }, RecentSeqs(entry));
            Assert.Equal(3, entry.GetProperty("unread").GetInt32());
            // Membership is untouched: the other member still sees every message.
            Assert.Equal(new ulong[] { 3, 2, 1 }, RecentSeqs(Find(await SyncAsync(u2), group)));
        }

        [Fact]
        public async Task Excluded_types_and_client_seqs_follow_the_servers_rules()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1, u2);
            await SendAsync(group, 2, u2);
            await SendAsync(group, 2, u2);
            await SendAsync(group, 2, u2);
            await SendAsync(u1, 1, u2);

            JsonElement excluded = await SyncAsync(u1, ",\"exclude_channel_types\":[2]");
            Assert.False(Has(excluded, group));
            Assert.True(Has(excluded, u2));

            // Listed in last_msg_seqs: synced despite the exclusion, recents after the client's seq; malformed entries ignored.
            JsonElement listed = await SyncAsync(u1, ",\"exclude_channel_types\":[2],\"last_msg_seqs\":\"" + group + ":2:1|junk|a:b\"");
            Assert.Equal(new ulong[] { 3, 2 }, RecentSeqs(Find(listed, group)));

            // The client already has the newest seq: nothing after it, so the entry is left out (person entries by peer uid).
            JsonElement upToDate = await SyncAsync(u1, ",\"last_msg_seqs\":\"" + group + ":2:3|" + u2 + ":1:1\"");
            Assert.False(Has(upToDate, group));
            Assert.False(Has(upToDate, u2));
            Assert.Equal(new ulong[] { 3 }, RecentSeqs(Find(await SyncAsync(u1, ",\"last_msg_seqs\":\"" + group + ":2:2\""), group)));
        }

        [Fact]
        public async Task Command_conversations_are_not_synced()
        {
            string u1 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1);
            await SendAsync(group, 2, "", "cmd", ",\"header\":{\"sync_once\":1}");
            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/sync", "{\"uid\":\"" + u1 + "\",\"msg_count\":3}")).Body);
            JsonElement stored = JsonDocument.Parse((await _e.GetRawAsync("/cluster/conversations?uid=" + u1)).Body).RootElement;
            Assert.Contains(stored.GetProperty("data").EnumerateArray(), row => row.GetProperty("channel_id").GetString() == group + "____cmd" && row.GetProperty("type").GetInt32() == 1);
        }

        [Fact]
        public async Task Pages_are_cut_before_filtering_and_page_size_is_capped_at_500()
        {
            string u1 = EmulatorFixture.NewId("u");
            var groups = new List<string>();
            for (int i = 0; i < 501; i++)
            {
                string group = await GroupAsync(u1);
                groups.Add(group);
                await SendAsync(group, 2, "");
            }
            JsonElement first = await SyncAsync(u1, ",\"page\":1,\"page_size\":1000", msgCount: 1);
            Assert.Equal(500, first.GetArrayLength());
            JsonElement second = await SyncAsync(u1, ",\"page\":2,\"page_size\":1000", msgCount: 1);
            // Most recently updated first: the first group created is the last one.
            Assert.Equal(groups[0], Assert.Single(second.EnumerateArray()).GetProperty("channel_id").GetString());
            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/sync", "{\"uid\":\"" + u1 + "\",\"msg_count\":1,\"page\":3,\"page_size\":1000}")).Body);
            Assert.Equal(100, (await SyncAsync(u1, ",\"page\":1", msgCount: 1)).GetArrayLength());
            Assert.Equal(501, (await SyncAsync(u1, msgCount: 1)).GetArrayLength());
        }

        [Theory]
        [InlineData("{\"channels\":[{\"channel_id\":\"g\",\"channel_type\":2}]}", "uid cannot be empty")]
        [InlineData("{\"uid\":\"u1\",\"channels\":[]}", "channels cannot be empty")]
        [InlineData("{\"uid\":\"u1\",\"msg_count\":\"1\"}", "json: cannot unmarshal string into Go struct field .msg_count of type int")]
        public async Task SyncByChannels_validation(string body, string msg)
        {
            var (status, text, type) = await _e.PostRawAsync("/conversation/syncByChannels", body);
            Assert.Equal(400, status);
            Assert.Equal("application/json", type);
            Assert.Equal(msg, JsonDocument.Parse(text).RootElement.GetProperty("msg").GetString());
        }

        [Fact]
        public async Task SyncByChannels_answers_every_requested_channel_in_order()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = EmulatorFixture.NewId("g");
            for (int i = 0; i < 20; i++)
            {
                await SendAsync(group, 2, u2);
            }
            await SendAsync(u1, 1, u2);
            string never = EmulatorFixture.NewId("g");
            JsonElement list = await PostJsonAsync("/conversation/syncByChannels",
                "{\"uid\":\"" + u1 + "\",\"channels\":[{\"channel_id\":\"" + never + "\",\"channel_type\":2},{\"channel_id\":\"" + group + "\",\"channel_type\":2},{\"channel_id\":\"" + u2 + "\",\"channel_type\":1}]}");
            Assert.Equal(new[] { never, group, u2 }, list.EnumerateArray().Select(c => c.GetProperty("channel_id").GetString()));
            JsonElement empty = list[0];
            Assert.Equal(0, empty.GetProperty("unread").GetInt32());
            Assert.Equal(0, empty.GetProperty("version").GetInt64());
            Assert.Equal(0, empty.GetProperty("recents").GetArrayLength());
            // No stored conversation: read-up-to 0, so every message is unread; msg_count 0 means 15 recents.
            Assert.Equal(20, list[1].GetProperty("unread").GetInt32());
            Assert.Equal(15, list[1].GetProperty("recents").GetArrayLength());
            Assert.Equal(1, list[2].GetProperty("unread").GetInt32());
        }

        [Fact]
        public async Task SyncMessages_reads_stored_ids_in_both_orders()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1, u2);
            for (int i = 0; i < 5; i++)
            {
                await SendAsync(group, 2, i == 1 ? u1 : u2);
            }
            await SendAsync(u2, 1, u1);
            string person = Hashes.PersonChannelId(u1, u2);
            JsonElement newest = await PostJsonAsync("/conversation/syncMessages",
                "{\"uid\":\"" + u1 + "\",\"msg_count\":2,\"order_by_last\":1,\"channels\":[{\"channel_id\":\"" + group + "\",\"channel_type\":2,\"last_msg_seq\":0},{\"channel_id\":\"" + person + "\",\"channel_type\":1}]}");
            Assert.Equal(new[] { "channel_id", "channel_type", "messages", "user_last_msg_seq" }, newest[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(new ulong[] { 5, 4 }, newest[0].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("message_seq").GetUInt64()));
            Assert.Equal(2UL, newest[0].GetProperty("user_last_msg_seq").GetUInt64());
            Assert.Equal(1, newest[1].GetProperty("messages").GetArrayLength());

            JsonElement oldest = await PostJsonAsync("/conversation/syncMessages",
                "{\"uid\":\"" + u1 + "\",\"msg_count\":2,\"channels\":[{\"channel_id\":\"" + group + "\",\"channel_type\":2,\"last_msg_seq\":2}]}");
            Assert.Equal(new ulong[] { 2, 3 }, oldest[0].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("message_seq").GetUInt64()));

            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/syncMessages", "{\"uid\":\"" + u1 + "\"}")).Body);
            var (status, text, type) = await _e.PostRawAsync("/conversation/syncMessages", "{\"uid\":1}");
            Assert.Equal((400, "{\"msg\":\"数据格式有误！\",\"status\":400}", "text/plain"), (status, text, type));
        }

        [Fact]
        public async Task Cluster_conversations_list_stored_rows_with_derived_ids_and_seconds()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1);
            await SendAsync(group, 2, u2);
            await SendAsync(group, 2, u2);
            await SendAsync(u2, 1, u1);
            Assert.Equal(200, (await _e.PostRawAsync("/conversations/delete", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + group + "\",\"channel_type\":2}")).Status);

            var (status, body, type) = await _e.GetRawAsync("/cluster/conversations?uid=" + u1);
            Assert.Equal((200, "application/json"), (status, type));
            JsonElement page = JsonDocument.Parse(body).RootElement;
            Assert.Equal(new[] { "total", "data" }, page.EnumerateObject().Select(p => p.Name));
            Assert.Equal(0, page.GetProperty("total").GetInt32());
            JsonElement[] rows = page.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(2, rows.Length);
            // Deleted conversations are still listed.
            JsonElement groupRow = rows.Single(r => r.GetProperty("channel_id").GetString() == group);
            Assert.Equal(new[] { "id", "uid", "type", "type_format", "channel_id", "channel_type", "channel_type_format", "unread_count", "last_msg_seq", "readed_to_msg_seq", "created_at", "updated_at", "created_at_format", "updated_at_format" },
                groupRow.EnumerateObject().Select(p => p.Name));
            Assert.Equal(2u, groupRow.GetProperty("unread_count").GetUInt32());
            Assert.Equal("群组", groupRow.GetProperty("channel_type_format").GetString());
            Assert.Equal("聊天", groupRow.GetProperty("type_format").GetString());
            Assert.InRange(groupRow.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
            Assert.Contains(rows, r => r.GetProperty("channel_id").GetString() == Hashes.PersonChannelId(u1, u2) && r.GetProperty("channel_type_format").GetString() == "个人");

            Assert.Equal("{\"total\":0,\"data\":[]}", (await _e.GetRawAsync("/cluster/conversations?uid=nobody-" + u1)).Body);
            JsonElement firstPage = JsonDocument.Parse((await _e.GetRawAsync("/cluster/conversations?limit=2&current_page=0")).Body).RootElement;
            Assert.Equal(2, firstPage.GetProperty("data").GetArrayLength());
        }

        [Fact]
        public async Task Conversation_mutations_create_only_what_v2_2_5_stores()
        {
            string u1 = EmulatorFixture.NewId("u");
            string empty = EmulatorFixture.NewId("g"), withMessages = EmulatorFixture.NewId("g");
            await SendAsync(withMessages, 2, "");
            await SendAsync(withMessages, 2, "");

            // setUnread on a missing conversation of an empty channel aims at read-up-to 0: nothing is stored.
            await _e.PostRawAsync("/conversations/setUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + empty + "\",\"channel_type\":2,\"unread\":0}");
            await _e.PostRawAsync("/conversations/clearUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + empty + "\",\"channel_type\":2}");
            Assert.Equal("[]", (await _e.PostRawAsync("/conversation/channels", "{\"uid\":\"" + u1 + "\"}")).Body);

            // With messages, setUnread stores a conversation read up to last - unread.
            await _e.PostRawAsync("/conversations/setUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + withMessages + "\",\"channel_type\":2,\"unread\":1}");
            Assert.Equal(1, Find(await SyncAsync(u1), withMessages).GetProperty("unread").GetInt32());
            // It never raises the count again.
            await _e.PostRawAsync("/conversations/setUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + withMessages + "\",\"channel_type\":2,\"unread\":2}");
            Assert.Equal(1, Find(await SyncAsync(u1), withMessages).GetProperty("unread").GetInt32());
        }

        [Fact]
        public async Task A_derived_person_id_addresses_no_conversation()
        {
            Assert.NotEqual(Hashes.PersonChannelId("u1", "u2"), ConversationRoutes.StoredChannelId("u1", Hashes.PersonChannelId("u1", "u2"), 1));
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            await SendAsync(u2, 1, u1);
            await SendAsync(u1, 1, u2);
            await _e.PostRawAsync("/conversations/clearUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + Hashes.PersonChannelId(u1, u2) + "\",\"channel_type\":1}");
            Assert.Equal(1, Find(await SyncAsync(u1), u2).GetProperty("unread").GetInt32());
            await _e.PostRawAsync("/conversations/clearUnread", "{\"uid\":\"" + u1 + "\",\"channel_id\":\"" + u2 + "\",\"channel_type\":1}");
            Assert.Equal(0, Find(await SyncAsync(u1), u2).GetProperty("unread").GetInt32());
        }

        [Fact]
        public async Task A_delivered_message_builds_the_channels_receiver_tag()
        {
            string u1 = EmulatorFixture.NewId("u"), u2 = EmulatorFixture.NewId("u");
            string group = await GroupAsync(u1, u2);
            Assert.Equal(400, (await _e.GetRawAsync("/tag?channel_id=" + group + "&channel_type=2")).Status);
            await SendAsync(group, 2, u1);
            JsonElement tag = JsonDocument.Parse((await _e.GetRawAsync("/tag?channel_id=" + group + "&channel_type=2")).Body).RootElement;
            Assert.Equal(new[] { u1, u2 }.OrderBy(u => u, StringComparer.Ordinal), tag.GetProperty("nodes")[0].GetProperty("uids").EnumerateArray().Select(u => u.GetString()!).OrderBy(u => u, StringComparer.Ordinal));

            string peer = EmulatorFixture.NewId("u");
            await SendAsync(peer, 1, u1);
            JsonElement personTag = JsonDocument.Parse((await _e.GetRawAsync("/tag?channel_id=" + Hashes.PersonChannelId(u1, peer) + "&channel_type=1")).Body).RootElement;
            Assert.Equal(2, personTag.GetProperty("nodes")[0].GetProperty("uids").GetArrayLength());
        }
    }
}
