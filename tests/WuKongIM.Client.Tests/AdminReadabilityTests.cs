using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>
    /// What an administrator reads (issue 11): durations as TimeSpans, English beside the server's Chinese msg texts,
    /// unreadable channel flags shown as unknown, and output values whose text is readable (Export-Csv calls ToString).
    /// </summary>
    public sealed class AdminReadabilityTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public AdminReadabilityTests(EmulatorFixture emulator) => _emulator = emulator;

        [Theory]
        [InlineData("7s", 0, 0, 0, 7)]
        [InlineData("5m3s", 0, 0, 5, 3)]
        [InlineData("1d2h3m4s", 1, 2, 3, 4)]
        [InlineData("2h0m0s", 0, 2, 0, 0)]
        [InlineData("1y2d0h0m1s", 367, 0, 0, 1)]
        public void Server_durations_read_as_timespans(string text, int days, int hours, int minutes, int seconds) =>
            Assert.Equal(new TimeSpan(days, hours, minutes, seconds), WKDuration.Parse(text));

        [Fact]
        public void Go_duration_texts_read_and_nonsense_is_null()
        {
            Assert.Equal(TimeSpan.FromMilliseconds(1500), WKDuration.Parse("1.5s"));
            Assert.Equal(TimeSpan.FromMilliseconds(500), WKDuration.Parse("500ms"));
            Assert.Equal(TimeSpan.FromTicks(15), WKDuration.Parse("1.5\u00b5s"));
            Assert.Null(WKDuration.Parse(""));
            Assert.Null(WKDuration.Parse("soon"));
            Assert.Null(WKDuration.Parse("12"));
            Assert.Null(WKDuration.Parse("3x"));
        }

        [Fact]
        public void Connections_read_device_and_proxy_texts_as_enums_and_node_ids()
        {
            var remote = JsonSerializer.Deserialize<WKConnection>("{\"device\":\"PC(\u4ece)\",\"proxy_type_format\":\"\u6e90\u8282\u70b9\uff1a1002\",\"uptime\":\"1h2m3s\",\"idle\":\"4s\"}")!;
            Assert.Equal(WKDeviceFlag.PC, remote.DeviceFlag);
            Assert.Equal(WKDeviceLevel.Slave, remote.DeviceLevel);
            Assert.Equal(1002UL, remote.SourceNodeId);
            Assert.Equal(new TimeSpan(1, 2, 3), remote.Uptime);
            Assert.Equal(TimeSpan.FromSeconds(4), remote.Idle);
            Assert.Equal("1h2m3s", remote.UptimeText);

            var local = JsonSerializer.Deserialize<WKConnection>("{\"device\":\"\u672a\u77e5(\u4e3b)\",\"proxy_type_format\":\"\u672c\u5730\u8fde\u63a5\"}")!;
            Assert.Null(local.DeviceFlag);
            Assert.Equal(WKDeviceLevel.Master, local.DeviceLevel);
            Assert.Null(local.SourceNodeId);
        }

        /// <summary>Every msg text wukongim-api.md lists: ERR(`...`), ERR("...") and {"msg":"..."} bodies.</summary>
        public static IEnumerable<object[]> ContractMessages()
        {
            string text = File.ReadAllText(ApiContractPath());
            var messages = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match m in Regex.Matches(text, "ERR\\((`[^`]*`|\"[^\"]*\")\\)"))
            {
                messages.Add(m.Groups[1].Value.Substring(1, m.Groups[1].Value.Length - 2));
            }
            foreach (Match m in Regex.Matches(text, "ERR\\(`([^`]*)` \\+"))
            {
                messages.Add(m.Groups[1].Value);
            }
            foreach (Match m in Regex.Matches(text, "\\{\"msg\":\"([^\"]*)\""))
            {
                messages.Add(m.Groups[1].Value);
            }
            // "<Go error text>" and "<msg>" stand for any text; placeholders inside a text stand for a value.
            return messages.Where(msg => !Regex.IsMatch(msg, "^<[^>]*>$"))
                .Select(msg => Regex.Replace(msg, "<[^>]*>", "0") + (msg.EndsWith(": ", StringComparison.Ordinal) ? "EOF" : string.Empty))
                .Distinct(StringComparer.Ordinal)
                .Select(msg => new object[] { msg });
        }

        [Fact]
        public void The_contract_lists_the_messages_this_test_checks()
        {
            // Guards the extraction: if the pattern stopped matching, the theory below would check nothing.
            Assert.True(ContractMessages().Count() > 80);
        }

        [Theory]
        [MemberData(nameof(ContractMessages))]
        public void Every_server_message_in_the_contract_has_an_english_explanation(string serverMessage)
        {
            string? explanation = WKServerMessages.Explain(serverMessage);
            Assert.False(string.IsNullOrWhiteSpace(explanation), "No English explanation for the server msg '" + serverMessage + "'.");
            Assert.DoesNotMatch("[\u3000-\u9fff\uff00-\uffef]", explanation!);
        }

        [Fact]
        public void An_error_keeps_the_servers_msg_and_adds_the_english_and_unknown_texts_pass_through()
        {
            var known = new WKApiException(WKErrorKind.BadRequest, "POST", "/channel", 400, 400, "\u9891\u9053ID\u4e0d\u80fd\u4e3a\u7a7a\uff01");
            Assert.Equal("\u9891\u9053ID\u4e0d\u80fd\u4e3a\u7a7a\uff01", known.ServerMessage);
            Assert.Equal("the channel id is empty", known.ServerMessageExplanation);
            Assert.Contains("\u9891\u9053ID\u4e0d\u80fd\u4e3a\u7a7a\uff01 (the channel id is empty)", known.Message);

            var unknown = new WKApiException(WKErrorKind.BadRequest, "POST", "/x", 400, 400, "\u67d0\u4e2a\u65b0\u9519\u8bef");
            Assert.Null(unknown.ServerMessageExplanation);
            Assert.Equal("\u67d0\u4e2a\u65b0\u9519\u8bef", WKServerMessages.Describe("\u67d0\u4e2a\u65b0\u9519\u8bef"));
            Assert.EndsWith(": \u67d0\u4e2a\u65b0\u9519\u8bef", unknown.Message);
            Assert.Equal("not found", WKServerMessages.Describe("not found"));
        }

        [Fact]
        public async Task A_real_validation_error_from_the_server_carries_its_explanation()
        {
            using var client = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });
            var request = new WKRequest("POST", "/channel") { Body = System.Text.Encoding.UTF8.GetBytes("{\"channel_id\":\" \",\"channel_type\":2}") };
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.SendAsync(request, CancellationToken.None));
            Assert.Equal("\u9891\u9053ID\u4e0d\u80fd\u4e3a\u7a7a\uff01", ex.ServerMessage);
            Assert.Contains("(the channel id is empty)", ex.Message);
        }

        [Fact]
        public async Task Send_ban_is_unknown_until_this_session_writes_it()
        {
            string id = EmulatorFixture.NewId("sb");
            using (var writer = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri }))
            {
                await writer.Channels.CreateChannelAsync(new WKChannelInfo { ChannelId = id, ChannelType = WKChannelType.Group }, new[] { "a" }, false, CancellationToken.None);
                WKChannelFlagPlan plan = await writer.Channels.PlanFlagUpdateAsync(id, WKChannelType.Group, new WKChannelFlagChanges { SendBan = true }, CancellationToken.None);
                await writer.Channels.SetChannelInfoAsync(plan.Info, CancellationToken.None);

                WKChannel written = (await writer.Channels.GetChannelAsync(id, WKChannelType.Group, CancellationToken.None))!;
                Assert.True(written.SendBan);
                Assert.False(written.Large);
                Assert.Equal(WKFlagSource.ThisSession, written.FlagSource);
                WKChannel listed = Assert.Single(await writer.Channels.FindChannelsAsync(id, CancellationToken.None));
                Assert.True(listed.SendBan);
            }

            // Another session cannot know: the server has no way to report send_ban.
            using var other = new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });
            WKChannel unknown = (await other.Channels.GetChannelAsync(id, WKChannelType.Group, CancellationToken.None))!;
            Assert.Null(unknown.SendBan);
            Assert.Null(unknown.Large);
            Assert.Null(unknown.AllowStranger);
            Assert.Equal(WKFlagSource.Unknown, unknown.FlagSource);
        }

        [Fact]
        public void Values_inside_output_objects_read_as_text_not_type_names()
        {
            var message = JsonSerializer.Deserialize<WKMessage>("{\"header\":{\"red_dot\":1},\"payload\":\"aGk=\",\"stream_data\":\"eA==\"}")!;
            Assert.Equal("NoPersist=0 RedDot=1 SyncOnce=0", message.Header.ToString());
            Assert.Equal("aGk=", message.Payload.ToString());
            Assert.Equal(new byte[] { 0x68, 0x69 }, message.Payload.ToArray());
            Assert.Equal("hi", message.Text);
            Assert.Equal("x", message.StreamText);
            Assert.Equal("a, b", new WKList<string>(new[] { "a", "b" }).ToString());
            Assert.Equal("App, Web", new WKList<WKDeviceFlag>(new[] { WKDeviceFlag.App, WKDeviceFlag.Web }).ToString());
            Assert.Equal("{\"a\":[1,\"x\"]}", WKJsonValue.Parse(System.Text.Encoding.UTF8.GetBytes("{\"a\":[1,\"x\"]}"))!.ToString());
            using var client = new WKClient(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:5001") });
            Assert.Equal("http://127.0.0.1:5001/", client.ToString());

            // Written back as JSON the payload is base64 again, as byte[] was.
            Assert.Contains("\"payload\":\"aGk=\"", JsonSerializer.Serialize(message));
        }

        [Fact]
        public void Uid_input_is_trimmed_and_blank_entries_are_counted_for_one_warning()
        {
            var input = new WKUidInput();
            Assert.Equal("bob", input.Clean(" bob "));
            Assert.Equal("alice", input.Clean("alice\t"));
            Assert.Null(input.Clean(""));
            Assert.Null(input.Clean("   "));
            Assert.Null(input.Clean(null));
            Assert.Equal(3, input.BlankCount);
            Assert.Equal("Skipped 3 blank uids (empty lines or cells).", input.BlankWarning());
            Assert.Null(new WKUidInput().BlankWarning());
        }

        [Fact]
        public async Task An_unreachable_server_keeps_the_transports_own_failure()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var client = new WKClient(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:" + port), MaximumRetryCount = 0 });
            WKServerTestResult result = await client.Server.TestAsync();
            Assert.False(result.Reachable);
            Assert.Equal(WKErrorKind.ConnectionFailed, result.FailureKind);
            Assert.Same(result.GetFailure(), result.GetFailure());
            Assert.Equal(result.GetFailure()!.Message, result.Message);
        }

        private static string ApiContractPath()
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "WuKongIM.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }
            Assert.NotNull(dir);
            string path = Path.GetFullPath(Path.Combine(dir!, "..", "shared", "wukongim-api.md"));
            Assert.True(File.Exists(path), "The server contract is expected at " + path + " (shared/ beside the repository).");
            return path;
        }
    }
}
