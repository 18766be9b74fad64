using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>The per-request path of the client: the handler chosen for the runtime, cached request URIs, uid batches checked in one pass.</summary>
    public sealed class RequestPathTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public RequestPathTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public void On_modern_dotnet_the_client_uses_SocketsHttpHandler_directly_with_the_clients_settings()
        {
            HttpMessageHandler handler = WKHttpHandlers.Create(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:5001"), MaxConnectionsPerServer = 7 });

            var sockets = Assert.IsType<SocketsHttpHandler>(handler);
            Assert.False(sockets.AllowAutoRedirect);
            Assert.False(sockets.UseCookies);
            Assert.Equal(7, sockets.MaxConnectionsPerServer);
            Assert.False(WKHttpHandlers.IsNetFramework);
        }

        [Fact]
        public async Task The_same_path_is_sent_again_and_a_path_with_a_query_keeps_its_query()
        {
            using var client = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });
            string channel = EmulatorFixture.NewId("g");
            await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, Payload = Encoding.UTF8.GetBytes("a") });
            await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, Payload = Encoding.UTF8.GetBytes("b") });

            // GET /channel/max_message_seq?channel_id=...: the query must reach the server on every call, not a cached URI of the path.
            Assert.Equal(2UL, await client.Messages.GetMaxMessageSeqAsync(channel, WKChannelType.Group, null));
            string other = EmulatorFixture.NewId("g");
            await client.Messages.SendAsync(new WKSendMessage { ChannelId = other, ChannelType = WKChannelType.Group, Payload = Encoding.UTF8.GetBytes("c") });
            Assert.Equal(1UL, await client.Messages.GetMaxMessageSeqAsync(other, WKChannelType.Group, null));
        }

        [Fact]
        public void A_uid_batch_is_checked_and_deduplicated_in_input_order()
        {
            Assert.Equal(new[] { "b", "a", "c" }, WKInputRules.DistinctUids(new[] { "b", "a", "b", "c", "a" }));
            Assert.Equal("WKUidSpecialCharacter", Assert.Throws<WKInvalidInputException>(() => WKInputRules.DistinctUids(new[] { "a", "x@y" })).ErrorId);
            Assert.Equal("WKUidEmpty", Assert.Throws<WKInvalidInputException>(() => WKInputRules.DistinctUids(new[] { "a", " " })).ErrorId);
            Assert.Equal("WKUidEmpty", Assert.Throws<WKInvalidInputException>(() => WKInputRules.DistinctUids(new string[0])).ErrorId);
        }

        [Theory]
        // The one-pass check of usual uids and the detailed checks agree: every character class at each end and inside.
        [InlineData("u1", null)]
        [InlineData("user name", null)]
        [InlineData("\u7528\u6237", null)]
        [InlineData("\u00A0u", null)]
        [InlineData(" u", null)]
        [InlineData("u\t", "WKUidControlCharacter")]
        [InlineData("a#b", "WKUidSpecialCharacter")]
        [InlineData("a&", "WKUidSpecialCharacter")]
        [InlineData("@", "WKUidSpecialCharacter")]
        [InlineData("a\u0000b", "WKUidControlCharacter")]
        [InlineData("a\u007Fb", "WKUidControlCharacter")]
        [InlineData("a\u0085b", "WKUidControlCharacter")]
        [InlineData("a\u009Fb", "WKUidControlCharacter")]
        [InlineData("a\u00A0b", null)]
        [InlineData("\t", "WKUidEmpty")]
        [InlineData("", "WKUidEmpty")]
        public void A_uid_is_accepted_or_refused_with_the_reason(string uid, string? errorId)
        {
            if (errorId == null)
            {
                Assert.Same(uid, WKInputRules.Uid(uid));
            }
            else
            {
                Assert.Equal(errorId, Assert.Throws<WKInvalidInputException>(() => WKInputRules.Uid(uid)).ErrorId);
            }
        }

        [Fact]
        public void A_uid_array_body_is_the_json_the_serializer_reads_back()
        {
            foreach (string[] uids in new[]
            {
                new[] { "a" },
                new[] { "u1", "u-2", "<b>&'+`" },
                new[] { "quote\"d", "back\\slash" },
                new[] { "tab\there", "é", "世界", "😀" },
            })
            {
                byte[] body = UsersApi.JsonStringArray(uids);
                Assert.Equal(uids, System.Text.Json.JsonSerializer.Deserialize<string[]>(body));
            }
        }

        [Theory]
        [InlineData("null", true)]
        [InlineData(" \r\n null \n", true)]
        [InlineData("", true)]
        [InlineData("   ", true)]
        [InlineData("[]", false)]
        [InlineData("nul", false)]
        [InlineData("\"null\"", false)]
        [InlineData("[null]", false)]
        public void A_null_answer_is_recognised_on_the_bytes(string body, bool isNull)
        {
            Assert.Equal(isNull, UsersApi.IsJsonNull(Encoding.UTF8.GetBytes(body)));
        }
    }
}
