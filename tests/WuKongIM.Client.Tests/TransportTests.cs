using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class TransportTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture _emulator;

        public TransportTests(EmulatorFixture emulator) => _emulator = emulator;

        public Task InitializeAsync() => _emulator.ResetStatsAsync();

        public Task DisposeAsync() => _emulator.ClearFaultsAsync();

        private WKClient NewClient(int retries = 2, int timeoutMs = 5000, int baseDelayMs = 1) => new WKClient(new WKClientOptions
        {
            BaseUri = _emulator.BaseUri,
            MaximumRetryCount = retries,
            Timeout = TimeSpan.FromMilliseconds(timeoutMs),
            RetryBaseDelay = TimeSpan.FromMilliseconds(baseDelayMs),
        });

        [Fact]
        public async Task Idempotent_request_is_retried_on_503_then_reported_as_unavailable()
        {
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 503, path_prefix = "/varz" });
            using WKClient client = NewClient(retries: 2);
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetStatusAsync());
            Assert.Equal(WKErrorKind.Unavailable, ex.Kind);
            Assert.Equal(503, ex.HttpStatus);
            Assert.Equal(3, await _emulator.RequestCountAsync("GET /varz"));
        }

        [Fact]
        public async Task Non_idempotent_request_is_not_retried_on_503()
        {
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 503, path_prefix = "/route/batch" });
            using WKClient client = NewClient(retries: 3);
            var request = new WKRequest("POST", "/route/batch") { Body = Encoding.UTF8.GetBytes("[\"u1\"]"), Idempotent = false };
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.SendAsync(request, CancellationToken.None));
            Assert.Equal(WKErrorKind.Unavailable, ex.Kind);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /route/batch"));
        }

        [Fact]
        public async Task Http_429_is_retried_even_for_non_idempotent_requests_because_the_server_did_not_act()
        {
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 429, path_prefix = "/route/batch" });
            using WKClient client = NewClient(retries: 2);
            var request = new WKRequest("POST", "/route/batch") { Body = Encoding.UTF8.GetBytes("[]"), Idempotent = false };
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.SendAsync(request, CancellationToken.None));
            Assert.Equal(WKErrorKind.Throttled, ex.Kind);
            Assert.Equal(3, await _emulator.RequestCountAsync("POST /route/batch"));
        }

        [Fact]
        public async Task Retry_after_from_the_server_overrides_the_backoff()
        {
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 503, retry_after_sec = 1, path_prefix = "/varz/setting" });
            using WKClient client = NewClient(retries: 1, baseDelayMs: 1);
            var watch = Stopwatch.StartNew();
            // Still failing after the last retry: the error says when the server will take the call again.
            await Assert.ThrowsAsync<WKRetryLaterException>(() => client.Server.GetSettingAsync());
            Assert.True(watch.ElapsedMilliseconds >= 900, "waited only " + watch.ElapsedMilliseconds + " ms");
            Assert.Equal(2, await _emulator.RequestCountAsync("GET /varz/setting"));
        }

        [Fact]
        public async Task Dropped_connection_is_retried_for_idempotent_but_reported_as_ambiguous_for_non_idempotent()
        {
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, path_prefix = "/route" });
            using WKClient client = NewClient(retries: 1);
            var get = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetRouteAsync());
            Assert.Equal(WKErrorKind.ConnectionFailed, get.Kind);
            Assert.Equal(2, await _emulator.RequestCountAsync("GET /route"));

            var post = new WKRequest("POST", "/route/batch") { Body = Encoding.UTF8.GetBytes("[]"), Idempotent = false };
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.SendAsync(post, CancellationToken.None));
            Assert.Equal(WKErrorKind.ConnectionFailed, ex.Kind);
            Assert.True(ex.MayHaveBeenProcessed);
            Assert.Equal(1, await _emulator.RequestCountAsync("POST /route/batch"));
        }

        [Fact]
        public async Task Refused_connection_is_a_connection_failure_that_provably_did_not_reach_the_server()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var client = new WKClient(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:" + port), MaximumRetryCount = 0 });
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetHealthAsync());
            Assert.Equal(WKErrorKind.ConnectionFailed, ex.Kind);
            Assert.False(ex.MayHaveBeenProcessed);
        }

        [Fact]
        public async Task Slow_answer_becomes_a_timeout()
        {
            await _emulator.SetFaultsAsync(new { latency_ms = 3000, path_prefix = "/varz/setting" });
            using WKClient client = NewClient(retries: 0, timeoutMs: 200);
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetSettingAsync());
            Assert.Equal(WKErrorKind.Timeout, ex.Kind);
            Assert.True(ex.MayHaveBeenProcessed);
            Assert.True(watch.ElapsedMilliseconds < 2500, "took " + watch.ElapsedMilliseconds + " ms");
        }

        [Fact]
        public async Task Cancellation_stops_a_request_and_a_retry_wait_promptly()
        {
            await _emulator.SetFaultsAsync(new { latency_ms = 5000, path_prefix = "/migrate/result" });
            using WKClient client = NewClient(retries: 3, timeoutMs: 30000);
            using (var cts = new CancellationTokenSource(150))
            {
                var watch = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Server.GetMigrationStatusAsync(cts.Token));
                Assert.True(watch.ElapsedMilliseconds < 2000, "request wait took " + watch.ElapsedMilliseconds + " ms");
            }

            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 503, path_prefix = "/migrate/result" });
            using WKClient slowRetry = NewClient(retries: 3, baseDelayMs: 20000);
            using (var cts = new CancellationTokenSource(300))
            {
                var watch = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slowRetry.Server.GetMigrationStatusAsync(cts.Token));
                Assert.True(watch.ElapsedMilliseconds < 2000, "retry wait took " + watch.ElapsedMilliseconds + " ms");
            }
        }

        [Fact]
        public async Task Unknown_route_is_reported_as_not_supported_by_this_server_version()
        {
            using WKClient client = NewClient();
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.SendAsync(new WKRequest("GET", "/conversation/list"), CancellationToken.None));
            Assert.Equal(WKErrorKind.NotSupported, ex.Kind);
            Assert.Contains("not supported by this server version", ex.Message);
            Assert.Equal("GET", ex.Method);
            Assert.Equal("/conversation/list", ex.Path);
        }

        [Fact]
        public async Task Bad_request_carries_the_servers_msg_even_when_the_content_type_is_text_plain()
        {
            using WKClient client = NewClient();
            var request = new WKRequest("POST", "/route/batch") { Body = Encoding.UTF8.GetBytes("{}") };
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.SendAsync(request, CancellationToken.None));
            Assert.Equal(WKErrorKind.BadRequest, ex.Kind);
            Assert.Equal(400, ex.HttpStatus);
            Assert.Equal(400, ex.ServerStatus);
            Assert.Equal("数据格式有误！", ex.ServerMessage);
        }

        [Fact]
        public async Task Request_log_shows_method_path_status_and_time()
        {
            using WKClient client = NewClient();
            var sink = new ListSink();
            using (WKRequestLog.BeginScope(sink))
            {
                await client.Server.GetRouteAsync(intranet: true);
            }
            await client.Server.GetRouteAsync();
            WKRequestLogEntry entry = Assert.Single(sink.Entries);
            Assert.Equal("GET", entry.Method);
            Assert.Equal("/route?intranet=1", entry.Path);
            Assert.Equal(200, entry.StatusCode);
            Assert.Matches(@"^GET /route\?intranet=1 -> 200 in \d+ ms \(\d+ B\)$", entry.ToString());
        }

        [Fact]
        public void Retry_after_is_read_as_seconds_or_as_a_date_and_backoff_is_capped()
        {
            Assert.Equal(TimeSpan.FromSeconds(7), WKTransport.ReadRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))));
            TimeSpan? fromDate = WKTransport.ReadRetryAfter(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30)));
            Assert.InRange(fromDate!.Value.TotalSeconds, 25, 31);
            Assert.Equal(TimeSpan.Zero, WKTransport.ReadRetryAfter(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(-30))));

            using var transport = new WKTransport(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:1"), RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1) });
            // A server's Retry-After is never shortened (whether to wait that long is MaxRetryAfter's call).
            Assert.Equal(TimeSpan.FromMinutes(5), transport.ComputeDelay(1, TimeSpan.FromMinutes(5)));
            for (int attempt = 1; attempt <= 8; attempt++)
            {
                double expected = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
                double ms = transport.ComputeDelay(attempt, null).TotalMilliseconds;
                Assert.InRange(ms, expected / 2, expected);
            }
        }

        private sealed class ListSink : IWKRequestLogSink
        {
            public ConcurrentQueue<WKRequestLogEntry> Entries { get; } = new();
            public void Write(WKRequestLogEntry entry) => Entries.Enqueue(entry);
        }
    }
}
