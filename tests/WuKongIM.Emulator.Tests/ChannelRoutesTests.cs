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
    /// <summary>Validation order, msg texts and response shapes of the channel routes (wukongim-api.md §3.5, §3.6).</summary>
    public sealed class ChannelRoutesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ChannelRoutesTests(EmulatorFixture emulator) => _emulator = emulator;

        private async Task AssertErr(string path, string body, string msg)
        {
            var (status, text, type) = await _emulator.PostRawAsync(path, body);
            Assert.Equal(400, status);
            Assert.Equal("application/json", type);
            using JsonDocument doc = JsonDocument.Parse(text);
            Assert.Equal(msg, doc.RootElement.GetProperty("msg").GetString());
            Assert.Equal(400, doc.RootElement.GetProperty("status").GetInt32());
        }

        private async Task AssertOk(string path, string body)
        {
            var (status, text, _) = await _emulator.PostRawAsync(path, body);
            Assert.Equal(200, status);
            Assert.Equal("{\"status\":200}", text);
        }

        [Theory]
        [InlineData("", "数据格式有误！: EOF")]
        [InlineData("{\"channel_id\":\"g\",\"channel_type\":\"2\"}", "数据格式有误！: json: cannot unmarshal string into Go struct field ChannelCreateReq.channel_type of type uint8")]
        [InlineData("{\"channel_id\":\"  \",\"channel_type\":2}", "频道ID不能为空！")]
        [InlineData("{\"channel_id\":\"g\",\"channel_type\":0}", "频道类型错误！")]
        [InlineData("{\"channel_id\":\"g@1\",\"channel_type\":2}", "频道ID不能包含特殊字符！")]
        [InlineData("{\"channel_id\":\"alice\",\"channel_type\":1,\"subscribers\":[\"bob\"]}", "不支持个人频道添加订阅者！")]
        public Task Channel_create_validation(string body, string msg) => AssertErr("/channel", body, msg);

        [Theory]
        [InlineData("{\"channel_id\":\"\",\"channel_type\":2,\"subscribers\":[\"a\"]}", "频道ID不能为空！")]
        [InlineData("{\"channel_id\":\"g&1\",\"subscribers\":[\"a\"]}", "频道ID不能包含特殊字符！")]
        [InlineData("{\"channel_id\":\"g\",\"channel_type\":2,\"subscribers\":[\" \",\"\"]}", "订阅者不能为空！")]
        [InlineData("{\"channel_id\":\"g\",\"channel_type\":2}", "订阅者不能为空！")]
        [InlineData("{\"channel_id\":\"g\",\"channel_type\":1,\"subscribers\":[\"a\"]}", "个人频道不支持添加订阅者！")]
        [InlineData("{\"channel_id\":\"g\",\"channel_type\":2,\"temp_subscriber\":1,\"subscribers\":[\"a\"]}", "新版本临时订阅者已不支持！")]
        [InlineData("{\"channel_id\":5}", "数据格式有误！: json: cannot unmarshal number into Go struct field subscriberAddReq.channel_id of type string")]
        public Task Subscriber_add_validation(string body, string msg) => AssertErr("/channel/subscriber_add", body, msg);

        [Fact]
        public async Task Subscriber_remove_remove_all_tmp_and_delete_validation()
        {
            await AssertErr("/channel/subscriber_remove", "{\"channel_id\":\"g\",\"channel_type\":1,\"subscribers\":[\"a\"]}", "个人频道不支持添加订阅者！");
            await AssertErr("/channel/subscriber_remove", "{\"channel_id\":\"g\",\"channel_type\":2,\"subscribers\":[]}", "订阅者不能为空！");
            await AssertErr("/channel/subscriber_remove_all", "{\"channel_id\":\"\",\"channel_type\":2}", "channel_id不能为空！");
            await AssertErr("/channel/subscriber_remove_all", "{\"channel_id\":\"g\",\"channel_type\":0}", "频道类型不能为0！");
            await AssertErr("/channel/subscriber_remove_all", "{\"channel_id\":\"g\",\"channel_type\":1}", "个人频道不支持此操作！");
            await AssertErr("/tmpchannel/subscriber_set", "{\"channel_id\":\"t@1\",\"uids\":[\"a\"]}", "频道ID不能包含特殊字符！");
            await AssertErr("/tmpchannel/subscriber_set", "{\"channel_id\":\"t1\",\"uids\":[]}", "uids不能为空！");
            await AssertErr("/channel/delete", "{\"channel_id\":\"alice\",\"channel_type\":1}", "个人频道不支持添加订阅者！");
            await AssertErr("/channel/delete", "{", "数据格式有误！: unexpected EOF");
            await AssertOk("/channel/delete", "{\"channel_id\":\"" + EmulatorFixture.NewId() + "\",\"channel_type\":2}");
        }

        [Fact]
        public async Task Channel_info_validates_nothing_and_answers_a_fixed_text_for_bad_json()
        {
            await AssertErr("/channel/info", "{\"channel_type\":300}", "数据格式有误！");
            await AssertOk("/channel/info", "{\"channel_id\":\"\",\"channel_type\":0}");
            await AssertOk("/channel/info", "{\"channel_id\":\"x@y\",\"channel_type\":2,\"ban\":1}");
        }

        [Fact]
        public async Task List_validation_texts_and_what_each_list_route_accepts()
        {
            await AssertErr("/channel/blacklist_add", "{\"channel_id\":\"\",\"channel_type\":2,\"uids\":[\"a\"]}", "channel_id不能为空！");
            await AssertErr("/channel/blacklist_add", "{\"channel_id\":\"g\",\"channel_type\":0,\"uids\":[\"a\"]}", "频道类型不能为0！");
            await AssertErr("/channel/blacklist_add", "{\"channel_id\":\"g\",\"channel_type\":2,\"uids\":[]}", "uids不能为空！");
            await AssertErr("/channel/blacklist_add", "", "EOF");
            await AssertOk("/channel/blacklist_add", "{\"channel_id\":\"g@x\",\"channel_type\":2,\"uids\":[\"a\"]}");
            await AssertErr("/channel/blacklist_set", "{\"channel_id\":\" \"}", "频道ID不能为空！");
            await AssertOk("/channel/blacklist_set", "{\"channel_id\":\"g\",\"channel_type\":0}");
            await AssertErr("/channel/blacklist_remove", "{\"channel_id\":\"g\",\"channel_type\":2}", "uids不能为空！");
            await AssertErr("/channel/blacklist_remove_all", "{\"channel_id\":\"g\"}", "频道类型不能为0！");
            await AssertErr("/channel/whitelist_add", "{\"channel_id\":\"g#\",\"channel_type\":2,\"uids\":[\"a\"]}", "频道ID不能包含特殊字符！");
            await AssertErr("/channel/whitelist_add", "{\"channel_id\":\"g\",\"channel_type\":0,\"uids\":[\"a\"]}", "频道类型不能为0！");
            await AssertErr("/channel/whitelist_add", "{\"channel_id\":\"g\",\"channel_type\":2,\"uids\":[\"\"]}", "uids不能为空！");
            await AssertErr("/channel/whitelist_remove", "{\"channel_id\":\"\",\"channel_type\":2,\"uids\":[\"a\"]}", "channel_id不能为空！");
            await AssertErr("/channel/whitelist_set", "{\"channel_id\":\"\"}", "频道ID不能为空！");
            await AssertErr("/channel/whitelist_remove_all", "{\"channel_id\":\"g\",\"channel_type\":0}", "频道类型不能为0！");
            await AssertErr("/channel/whitelist_add", "{\"uids\":\"a\"}", "json: cannot unmarshal string into Go struct field whitelistReq.uids of type []string");
        }

        [Fact]
        public async Task Whitelist_get_is_a_bare_array_ordered_by_unsigned_id_with_rfc3339_times()
        {
            string id = EmulatorFixture.NewId("wl");
            var (_, empty, _) = await _emulator.GetRawAsync("/channel/whitelist?channel_id=" + id + "&channel_type=2");
            Assert.Equal("[]", empty);
            await AssertOk("/channel/whitelist_add", "{\"channel_id\":\"" + id + "\",\"channel_type\":2,\"uids\":[\"carol\",\"alice\",\"bob\"]}");
            var (status, body, type) = await _emulator.GetRawAsync("/channel/whitelist?channel_id=" + id + "&channel_type=2");
            Assert.Equal(200, status);
            Assert.Equal("application/json", type);
            using JsonDocument doc = JsonDocument.Parse(body);
            List<JsonElement> rows = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal(3, rows.Count);
            List<ulong> ids = rows.Select(r => r.GetProperty("id").GetUInt64()).ToList();
            Assert.Equal(ids.OrderBy(i => i), ids);
            Assert.Contains(12663155935008590962UL, ids);
            Assert.Contains("\"id\":12663155935008590962", body);
            Assert.All(rows, r => Assert.EndsWith("Z", r.GetProperty("created_at").GetString()));
            Assert.All(rows, r => r.GetProperty("updated_at").GetDateTimeOffset());
        }
    }

    /// <summary>The /cluster channel reads (§11.4): the listing, the direct lookup, the crash, the member arrays.</summary>
    public sealed class ClusterChannelRoutesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ClusterChannelRoutesTests(EmulatorFixture emulator) => _emulator = emulator;

        private async Task<JsonElement> GetJson(string pathAndQuery)
        {
            var (status, body, _) = await _emulator.GetRawAsync(pathAndQuery);
            Assert.Equal(200, status);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        [Theory]
        [InlineData("ban=1")]
        [InlineData("ban=0")]
        [InlineData("disband=true")]
        [InlineData("subscriber_count_gte=5")]
        [InlineData("subscriber_count_lte=5")]
        [InlineData("denylist_count_gte=1")]
        [InlineData("denylist_count_lte=1")]
        [InlineData("allowlist_count_gte=1")]
        [InlineData("allowlist_count_lte=1")]
        public async Task Each_of_the_eight_filters_crashes_with_an_empty_500(string query)
        {
            var (status, body, type) = await _emulator.GetRawAsync("/cluster/channels?" + query);
            Assert.Equal(500, status);
            Assert.Equal(string.Empty, body);
            Assert.Null(type);
        }

        [Fact]
        public async Task A_blank_filter_value_is_ignored()
        {
            var (status, _, _) = await _emulator.GetRawAsync("/cluster/channels?ban=&disband=");
            Assert.Equal(200, status);
        }

        [Fact]
        public async Task Listing_is_enriched_newest_first_and_omits_implicitly_created_channels()
        {
            string listed = EmulatorFixture.NewId("ls");
            string implicitId = EmulatorFixture.NewId("im");
            await _emulator.PostRawAsync("/channel", "{\"channel_id\":\"" + listed + "\",\"channel_type\":2,\"ban\":1,\"subscribers\":[\"a\",\"b\"]}");
            await _emulator.PostRawAsync("/channel/subscriber_add", "{\"channel_id\":\"" + implicitId + "\",\"channel_type\":2,\"subscribers\":[\"a\"]}");
            await _emulator.PostRawAsync("/channel/info", "{\"channel_id\":\"" + implicitId + "\",\"channel_type\":2,\"disband\":1}");
            await _emulator.PostRawAsync("/channel/blacklist_add", "{\"channel_id\":\"" + listed + "\",\"channel_type\":2,\"uids\":[\"x\",\"x\"]}");

            JsonElement page = await GetJson("/cluster/channels?channel_id=" + listed);
            Assert.Equal(0, page.GetProperty("total").GetInt32());
            Assert.Equal(0, page.GetProperty("more").GetInt32());
            JsonElement row = Assert.Single(page.GetProperty("data").EnumerateArray().ToList());
            Assert.Equal(2, row.GetProperty("subscriber_count").GetInt32());
            Assert.Equal(1, row.GetProperty("ban").GetInt32());
            Assert.Equal("封禁", row.GetProperty("status_format").GetString());
            Assert.Equal(2, row.GetProperty("denylist_count").GetInt32()); // counted per uid passed, duplicates included
            Assert.Equal(Hashes.Fnv1a64(listed + "-2"), row.GetProperty("id").GetUInt64());
            Assert.Equal(Hashes.Crc32(listed) % 64, row.GetProperty("slot").GetUInt32());
            Assert.True(row.GetProperty("created_at").GetInt64() > 1_600_000_000_000_000_000);
            Assert.False(row.TryGetProperty("large", out _));

            Assert.Empty((await GetJson("/cluster/channels?channel_id=" + implicitId)).GetProperty("data").EnumerateArray());
            JsonElement direct = (await GetJson("/cluster/channels?channel_id=" + implicitId + "&channel_type=2")).GetProperty("data")[0];
            Assert.Equal(implicitId, direct.GetProperty("channel_id").GetString());
            Assert.Equal(1, direct.GetProperty("disband").GetInt32());
            Assert.Equal(0, direct.GetProperty("subscriber_count").GetInt32());
            Assert.Equal(0, direct.GetProperty("created_at").GetInt64());
        }

        [Fact]
        public async Task The_direct_lookup_of_an_unknown_channel_is_one_blank_row()
        {
            JsonElement row = (await GetJson("/cluster/channels?channel_id=" + EmulatorFixture.NewId("no") + "&channel_type=2")).GetProperty("data")[0];
            Assert.Equal("", row.GetProperty("channel_id").GetString());
            Assert.Equal(0, row.GetProperty("channel_type").GetInt32());
            Assert.Equal(0UL, row.GetProperty("id").GetUInt64());
            Assert.Equal("正常", row.GetProperty("status_format").GetString());

            string orphan = EmulatorFixture.NewId("or");
            await _emulator.PostRawAsync("/channel/whitelist_add", "{\"channel_id\":\"" + orphan + "\",\"channel_type\":2,\"uids\":[\"a\",\"b\"]}");
            row = (await GetJson("/cluster/channels?channel_id=" + orphan + "&channel_type=2")).GetProperty("data")[0];
            Assert.Equal("", row.GetProperty("channel_id").GetString());
            Assert.Equal(Hashes.Fnv1a64(orphan + "-2"), row.GetProperty("id").GetUInt64());
            Assert.Equal(2, row.GetProperty("allowlist_count").GetInt32());
        }

        [Fact]
        public async Task Keyset_paging_with_more_and_the_untrimmed_local_path()
        {
            string type = "7";
            var ids = new List<string>();
            for (int i = 0; i < 5; i++)
            {
                string id = EmulatorFixture.NewId("kp");
                ids.Add(id);
                await _emulator.PostRawAsync("/channel/info", "{\"channel_id\":\"" + id + "\",\"channel_type\":" + type + "}");
            }
            JsonElement first = await GetJson("/cluster/channels?channel_type=7&limit=2");
            Assert.Equal(1, first.GetProperty("more").GetInt32());
            List<JsonElement> rows = first.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(new[] { ids[4], ids[3] }, rows.Select(r => r.GetProperty("channel_id").GetString()));
            long cursor = rows[1].GetProperty("created_at").GetInt64();
            JsonElement second = await GetJson("/cluster/channels?channel_type=7&limit=2&offset_created_at=" + cursor);
            Assert.Equal(new[] { ids[2], ids[1] }, second.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("channel_id").GetString()));
            JsonElement newer = await GetJson("/cluster/channels?channel_type=7&limit=2&pre=1&offset_created_at=" + cursor);
            Assert.Equal(new[] { ids[4] }, newer.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("channel_id").GetString()));
            JsonElement local = await GetJson("/cluster/channels?channel_type=7&limit=2&node_id=1001");
            Assert.Equal(3, local.GetProperty("data").GetArrayLength());
            Assert.Equal(0, local.GetProperty("more").GetInt32());
        }

        [Fact]
        public async Task Member_lists_are_bare_uid_arrays_in_fnv_order()
        {
            string id = EmulatorFixture.NewId("ml");
            await _emulator.PostRawAsync("/channel/subscriber_add", "{\"channel_id\":\"" + id + "\",\"channel_type\":2,\"subscribers\":[\"wc_cl_u1\",\"wc_cl_u2\",\"wc_cl_u3\"]}");
            await _emulator.PostRawAsync("/channel/blacklist_add", "{\"channel_id\":\"" + id + "\",\"channel_type\":2,\"uids\":[\"d1\"]}");
            await _emulator.PostRawAsync("/channel/whitelist_add", "{\"channel_id\":\"" + id + "\",\"channel_type\":2,\"uids\":[\"a1\"]}");
            JsonElement members = await GetJson("/cluster/channels/" + id + "/2/subscribers");
            List<string> uids = members.EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Equal(uids.OrderBy(Hashes.Fnv1a64), uids);
            Assert.Equal(3, uids.Count);
            Assert.Equal("[\"d1\"]", (await _emulator.GetRawAsync("/cluster/channels/" + id + "/2/denylist")).Body);
            Assert.Equal("[\"a1\"]", (await _emulator.GetRawAsync("/cluster/channels/" + id + "/2/allowlist")).Body);
            Assert.Equal("[]", (await _emulator.GetRawAsync("/cluster/channels/" + id + "/x/subscribers")).Body);
        }
    }

    /// <summary>Side effects on conversations (§3.5, §3.6), checked on the state of an in-process app.</summary>
    public sealed class ChannelConversationEffectsTests
    {
        private readonly EmulatorApp _app = new EmulatorApp(null);

        private int Post(string path, string json)
        {
            ApiResult result = _app.Dispatch(string.Empty, false, "POST", path, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(json), out _);
            return result.StatusCode;
        }

        [Fact]
        public void Subscriber_add_creates_conversations_read_up_to_the_last_seq_and_remove_deletes_them()
        {
            EmulatorState s = _app.State;
            s.MessagesOf("g1", 2).AddRange(new[] { new StoredMessage { MessageSeq = 1 }, new StoredMessage { MessageSeq = 2 } });
            Assert.Equal(200, Post("/channel/subscriber_add", "{\"channel_id\":\"g1\",\"channel_type\":2,\"subscribers\":[\"a\",\"b\"]}"));
            Assert.Equal(2UL, s.Conversations[("a", "g1", 2)].ReadedToMsgSeq);
            Assert.False(s.FindChannel("g1", 2)!.Listable);

            Assert.Equal(200, Post("/channel/subscriber_remove", "{\"channel_id\":\"g1\",\"channel_type\":2,\"subscribers\":[\"a\"]}"));
            Assert.False(s.Conversations.ContainsKey(("a", "g1", 2)));
            Assert.True(s.Conversations.ContainsKey(("b", "g1", 2)));

            Assert.Equal(200, Post("/channel/subscriber_remove_all", "{\"channel_id\":\"g1\",\"channel_type\":2}"));
            Assert.Empty(s.SubscribersOf("g1", 2));
            Assert.True(s.Conversations.ContainsKey(("b", "g1", 2)));

            Assert.Equal(200, Post("/channel/subscriber_add", "{\"channel_id\":\"live1\",\"channel_type\":9,\"subscribers\":[\"a\"]}"));
            Assert.False(s.Conversations.ContainsKey(("a", "live1", 9)));
        }

        [Fact]
        public void Blacklist_add_deletes_and_remove_recreates_the_conversation()
        {
            EmulatorState s = _app.State;
            Post("/channel/subscriber_add", "{\"channel_id\":\"g2\",\"channel_type\":2,\"subscribers\":[\"a\"]}");
            Post("/channel/blacklist_add", "{\"channel_id\":\"g2\",\"channel_type\":2,\"uids\":[\"a\"]}");
            Assert.False(s.Conversations.ContainsKey(("a", "g2", 2)));
            Post("/channel/blacklist_remove", "{\"channel_id\":\"g2\",\"channel_type\":2,\"uids\":[\"a\"]}");
            Assert.True(s.Conversations.ContainsKey(("a", "g2", 2)));
            Assert.Equal(0, s.FindListCounters("g2", 2)!.Denylist);
        }

        [Fact]
        public void Person_whitelist_add_creates_derived_id_conversations_for_other_uids()
        {
            EmulatorState s = _app.State;
            Post("/channel/whitelist_add", "{\"channel_id\":\"alice\",\"channel_type\":1,\"uids\":[\"bob\",\"alice\"]}");
            Assert.True(s.Conversations.ContainsKey(("bob", "bob@alice", 1)));
            Assert.Single(s.Conversations.Keys, k => k.Uid == "bob" || k.Uid == "alice");
        }

        [Fact]
        public void Channel_and_channel_info_overwrite_every_flag_and_delete_only_disbands()
        {
            EmulatorState s = _app.State;
            Post("/channel", "{\"channel_id\":\"g3\",\"channel_type\":2,\"ban\":1,\"send_ban\":1,\"large\":1,\"allow_stranger\":1,\"subscribers\":[\"m\"]}");
            ChannelRecord record = s.FindChannel("g3", 2)!;
            Assert.True(record.Ban && record.SendBan && record.Large && record.AllowStranger && record.Listable);
            Post("/channel/info", "{\"channel_id\":\"g3\",\"channel_type\":2,\"disband\":2}");
            Assert.False(record.Ban || record.SendBan || record.Large || record.AllowStranger || record.Disband);
            Post("/channel/delete", "{\"channel_id\":\"g3\",\"channel_type\":2}");
            Assert.True(record.Disband);
            Assert.Single(s.SubscribersOf("g3", 2));
            Post("/channel", "{\"channel_id\":\"g3\",\"channel_type\":2,\"reset\":1}");
            Assert.Empty(s.SubscribersOf("g3", 2));
            Assert.False(record.Disband);
        }
    }
}
