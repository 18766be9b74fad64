using System.Threading.Tasks;
using WuKongIM.Emulator.Areas;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    public sealed class ConversationRouteTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ConversationRouteTests(EmulatorFixture emulator) => _emulator = emulator;

        [Theory]
        [InlineData("/conversations/clearUnread", "{\"channel_id\":\"g1\",\"channel_type\":2}", "uid cannot be empty")]
        [InlineData("/conversations/clearUnread", "{\"uid\":\"u1\",\"channel_type\":2}", "channel_id or channel_type cannot be empty")]
        [InlineData("/conversations/clearUnread", "{\"uid\":\"u1\",\"channel_id\":\"g1\"}", "channel_id or channel_type cannot be empty")]
        [InlineData("/conversations/setUnread", "{\"channel_id\":\"g1\",\"channel_type\":2}", "UID cannot be empty")]
        [InlineData("/conversations/setUnread", "{\"uid\":\"u1\",\"channel_id\":\"\",\"channel_type\":2}", "channel_id or channel_type cannot be empty")]
        [InlineData("/conversations/delete", "{\"channel_id\":\"g1\",\"channel_type\":2}", "Uid cannot be empty")]
        [InlineData("/conversations/delete", "{\"uid\":\"u1\",\"channel_id\":\"g1\",\"channel_type\":0}", "channel_id or channel_type cannot be empty")]
        [InlineData("/conversations/delete", "", "EOF")]
        [InlineData("/conversations/setUnread", "{\"uid\":\"u1\",\"channel_id\":\"g1\",\"channel_type\":2,\"unread\":\"3\"}", "json: cannot unmarshal string into Go struct field setConversationUnreadReq.unread of type int")]
        public async Task Validation_messages_match_v2_2_5(string path, string body, string msg)
        {
            var (status, answer, type) = await _emulator.PostRawAsync(path, body);
            Assert.Equal(400, status);
            Assert.Equal("{\"msg\":\"" + msg + "\",\"status\":400}", answer);
            Assert.Equal("application/json", type);
        }

        [Fact]
        public async Task Mutations_on_an_unknown_conversation_succeed_and_create_nothing_without_messages()
        {
            string uid = EmulatorFixture.NewId("u");
            Assert.Equal("{\"status\":200}", (await _emulator.PostRawAsync("/conversations/clearUnread", "{\"uid\":\"" + uid + "\",\"channel_id\":\"gx\",\"channel_type\":2}")).Body);
            Assert.Equal("{\"status\":200}", (await _emulator.PostRawAsync("/conversations/delete", "{\"uid\":\"" + uid + "\",\"channel_id\":\"gx\",\"channel_type\":2}")).Body);
            Assert.Equal("[]", (await _emulator.PostRawAsync("/conversation/channels", "{\"uid\":\"" + uid + "\"}")).Body);
        }

        [Theory]
        [InlineData(10UL, 0L, 10UL)]
        [InlineData(10UL, 3L, 7UL)]
        [InlineData(10UL, 10L, 0UL)]
        [InlineData(10UL, 11L, 9UL)]
        [InlineData(10UL, -2L, 9UL)]
        [InlineData(0UL, 5L, ulong.MaxValue)]
        public void Set_unread_targets_follow_the_server_arithmetic(ulong last, long unread, ulong expected) =>
            Assert.Equal(expected, ConversationRoutes.SetUnreadTarget(last, unread));
    }
}
