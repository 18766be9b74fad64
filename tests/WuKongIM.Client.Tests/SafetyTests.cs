using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>Issue 12, client side: Retry-After never cut short (8), one deadline per call (5), unknown send outcomes (4), blanks refused (9).</summary>
    public sealed class SafetyTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture _emulator;

        public SafetyTests(EmulatorFixture emulator) => _emulator = emulator;

        public Task InitializeAsync() => _emulator.ResetStatsAsync();

        public Task DisposeAsync() => _emulator.ClearFaultsAsync();

        private WKClient NewClient(Action<WKClientOptions>? configure = null)
        {
            var options = new WKClientOptions { BaseUri = _emulator.BaseUri, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
            configure?.Invoke(options);
            return new WKClient(options);
        }

        // ------------------------------------------------------------ item 8: Retry-After

        [Fact]
        public async Task A_retry_after_above_the_cap_is_never_retried_early_and_says_when_to_retry()
        {
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 429, retry_after_sec = 45, path_prefix = "/varz/setting" });
            using WKClient client = NewClient();
            var ex = await Assert.ThrowsAsync<WKRetryLaterException>(() => client.Server.GetSettingAsync());
            Assert.Equal(WKErrorKind.Throttled, ex.Kind);
            Assert.Equal(TimeSpan.FromSeconds(45), ex.RetryAfter);
            Assert.InRange(ex.RetryAt, DateTimeOffset.UtcNow.AddSeconds(30), DateTimeOffset.UtcNow.AddSeconds(46));
            Assert.Contains("retry after 45 s", ex.Message);
            Assert.Equal(1, await _emulator.RequestCountAsync("GET /varz/setting"));
        }

        [Fact]
        public async Task A_retry_after_within_a_raised_cap_but_past_the_deadline_also_stops_at_once()
        {
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 503, retry_after_sec = 45, path_prefix = "/varz/setting" });
            using WKClient client = NewClient(o => { o.MaxRetryAfter = TimeSpan.FromMinutes(2); o.Deadline = TimeSpan.FromSeconds(10); });
            var ex = await Assert.ThrowsAsync<WKRetryLaterException>(() => client.Server.GetSettingAsync());
            Assert.Equal(WKErrorKind.Unavailable, ex.Kind);
            Assert.Equal(TimeSpan.FromSeconds(45), ex.RetryAfter);
            Assert.Equal(1, await _emulator.RequestCountAsync("GET /varz/setting"));
        }

        [Fact]
        public void The_delay_for_a_retry_after_is_never_shorter_than_asked()
        {
            using var transport = new WKTransport(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:1"), RetryMaxDelay = TimeSpan.FromSeconds(1) });
            Assert.Equal(TimeSpan.FromSeconds(45), transport.ComputeDelay(1, TimeSpan.FromSeconds(45)));
            Assert.Equal(TimeSpan.FromSeconds(30), new WKClientOptions().MaxRetryAfter);
        }

        // ------------------------------------------------------------ item 5: one deadline per call

        [Fact]
        public async Task A_hung_server_fails_the_call_at_its_deadline_not_after_every_attempt()
        {
            await _emulator.SetFaultsAsync(new { latency_ms = 5000, path_prefix = "/varz/setting" });
            using WKClient client = NewClient(o => { o.Timeout = TimeSpan.FromSeconds(1); o.MaximumRetryCount = 6; o.Deadline = TimeSpan.FromSeconds(2.5); });
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetSettingAsync());
            Assert.Equal(WKErrorKind.Timeout, ex.Kind);
            Assert.Contains("deadline of 2.5 s", ex.Message);
            // 1 s + 1 s + the last 0.5 s: three attempts, not the seven the retry count allows.
            Assert.InRange(await _emulator.RequestCountAsync("GET /varz/setting"), 1, 3);
        }

        [Fact]
        public async Task A_call_scoped_deadline_overrides_the_clients_own()
        {
            await _emulator.SetFaultsAsync(new { latency_ms = 5000, path_prefix = "/varz/setting" });
            using WKClient client = NewClient(o => { o.Timeout = TimeSpan.FromSeconds(30); o.MaximumRetryCount = 3; });
            Assert.Equal(WKClientOptions.DefaultDeadline, client.Transport.Deadline);
            WKApiException ex;
            using (WKCallDeadline.Begin(TimeSpan.FromSeconds(1)))
            {
                ex = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetSettingAsync());
            }
            Assert.Equal(WKErrorKind.Timeout, ex.Kind);
            Assert.Contains("deadline of 1 s", ex.Message);
            Assert.Equal(1, await _emulator.RequestCountAsync("GET /varz/setting"));
            Assert.Null(WKCallDeadline.Current);
        }

        [Fact]
        public void The_default_deadline_is_60_seconds_and_must_be_positive()
        {
            Assert.Equal(TimeSpan.FromSeconds(60), new WKClientOptions().Deadline);
            Assert.Throws<WKValidationException>(() => new WKClient(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:1"), Deadline = TimeSpan.Zero }));
            Assert.Throws<WKValidationException>(() => WKCallDeadline.Begin(TimeSpan.FromSeconds(-1)));
        }

        [Fact]
        public void Bad_retry_settings_are_refused_under_the_options_own_names()
        {
            var uri = new Uri("http://127.0.0.1:1");
            Assert.Equal("Timeout", Assert.Throws<WKValidationException>(() => new WKClient(new WKClientOptions { BaseUri = uri, Timeout = TimeSpan.Zero })).ParamName);
            Assert.Equal("MaximumRetryCount", Assert.Throws<WKValidationException>(() => new WKClient(new WKClientOptions { BaseUri = uri, MaximumRetryCount = -1 })).ParamName);
            Assert.Equal("RetryBaseDelay", Assert.Throws<WKValidationException>(() => new WKClient(new WKClientOptions { BaseUri = uri, RetryBaseDelay = TimeSpan.FromSeconds(-1) })).ParamName);
        }

        // ------------------------------------------------------------ item 4: a send whose outcome is unknown

        [Fact]
        public async Task A_send_dropped_after_the_server_stored_it_is_an_unknown_outcome_with_its_client_msg_no()
        {
            string channel = EmulatorFixture.NewId("g");
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, drop_after_processing = true, path_prefix = "/message/send" });
            using WKClient client = NewClient(o => o.MaximumRetryCount = 0);
            var message = new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, FromUid = "u1", Payload = Encoding.UTF8.GetBytes("once") };
            var ex = await Assert.ThrowsAsync<WKSendOutcomeUnknownException>(() => client.Messages.SendAsync(message));
            Assert.True(ex.MayHaveBeenProcessed);
            Assert.Equal(WKErrorKind.ConnectionFailed, ex.Kind);
            Assert.False(string.IsNullOrEmpty(ex.ClientMsgNo));
            // The caller's message is never changed: the generated key travels in the exception.
            Assert.Null(message.ClientMsgNo);
            Assert.Contains("client_msg_no " + ex.ClientMsgNo, ex.Message);
            await _emulator.ClearFaultsAsync();
            // It was stored: the look-up by client_msg_no settles it.
            message.ClientMsgNo = ex.ClientMsgNo;
            Assert.NotNull(await client.Messages.FindSentAsync(message));
        }

        [Fact]
        public async Task A_safe_send_that_cannot_be_looked_up_reports_the_unknown_outcome_too()
        {
            string channel = EmulatorFixture.NewId("g");
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, drop_after_processing = true, path_prefix = "/message/send" });
            using WKClient client = NewClient(o => o.MaximumRetryCount = 2);
            var message = new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, FromUid = "u1", NoPersist = true, Payload = Encoding.UTF8.GetBytes("x") };
            await Assert.ThrowsAsync<WKSendOutcomeUnknownException>(() => client.Messages.SendSafelyAsync(message));
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /message/send"));
        }

        [Fact]
        public async Task A_refused_connection_is_not_an_unknown_outcome()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var client = new WKClient(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:" + port), MaximumRetryCount = 0 });
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Messages.SendAsync(new WKSendMessage { ChannelId = "g", ChannelType = WKChannelType.Group, Payload = new byte[] { 1 } }));
            Assert.IsNotType<WKSendOutcomeUnknownException>(ex);
            Assert.False(ex.MayHaveBeenProcessed);
        }

        // ------------------------------------------------------------ item 9: blank values are refused before any request

        [Fact]
        public async Task Blank_token_plugin_number_tag_key_and_route_uids_are_refused_and_nothing_is_sent()
        {
            using WKClient client = NewClient();
            Assert.Equal("WKTokenEmpty", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.SetTokenAsync("u1", "   "))).ErrorId);
            Assert.Equal("WKTokenEmpty", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.SetTokenAsync("u1", "\t"))).ErrorId);
            Assert.Equal("WKPluginNoBlank", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.UpdatePluginNoAsync("u1", "   "))).ErrorId);
            Assert.Equal("WKTagKeyEmpty", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Tags.RemoveTagAsync("   "))).ErrorId);
            Assert.Equal("WKChannelIdEmpty", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Tags.RemoveTagAsync(null, " ", WKChannelType.Group))).ErrorId);
            Assert.Equal("WKUidEmpty", (await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Server.GetRoutesAsync(new[] { "a1", "  " }))).ErrorId);
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /user/token"));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /user/update_plugin_no"));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /tag/remove"));
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /route/batch"));

            // An empty plugin number still unbinds: that is an explicit request.
            await client.Users.UpdatePluginNoAsync("u1", string.Empty);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /user/update_plugin_no"));
        }
    }
}
