using System;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class ServerApiTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public ServerApiTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        [Fact]
        public async Task Health_status_setting_and_migration_are_read()
        {
            using WKClient client = NewClient();
            Assert.Equal("ok", (await client.Server.GetHealthAsync()).Status);

            WKServerStatus status = await client.Server.GetStatusAsync();
            Assert.Equal("WuKongIM", status.ServerName);
            Assert.Equal("1001", status.ServerId);
            Assert.False(status.ManagerTokenOn);
            Assert.Null(status.Conns);

            WKServerSetting setting = await client.Server.GetSettingAsync();
            Assert.False(setting.TraceOn);
            Assert.False(setting.StressOn);

            WKMigrationStatus migration = await client.Server.GetMigrationStatusAsync();
            Assert.Equal("running", migration.Status);
            Assert.False(migration.HasError);
            Assert.Equal(0, migration.TryCount);
        }

        [Fact]
        public async Task Status_with_connections_lists_the_nodes_connections()
        {
            string uid = EmulatorFixture.NewId("conn");
            long connId = await _emulator.ConnectDeviceAsync(uid, deviceFlag: 1, deviceLevel: 1);
            using WKClient client = NewClient();
            WKServerStatus status = await client.Server.GetStatusAsync(includeConnections: true, connectionLimit: 1000);
            WKConnection conn = Assert.Single(status.Conns!, c => c.Uid == uid);
            Assert.Equal(connId, conn.ConnId);
            Assert.Equal("Web(主)", conn.DeviceText);
            Assert.Equal(WKDeviceFlag.Web, conn.DeviceFlag);
            Assert.Equal(WKDeviceLevel.Master, conn.DeviceLevel);
            Assert.NotNull(conn.LastActivity);
            // Uptime and Idle are TimeSpans; the server's text stays beside them.
            Assert.Equal(WKDuration.Parse(conn.UptimeText), conn.Uptime);
            Assert.NotNull(conn.Uptime);
            Assert.NotNull(conn.Idle);
            Assert.NotNull(status.Uptime);
            Assert.Equal(WKDuration.Parse(status.UptimeText), status.Uptime);
        }

        [Fact]
        public async Task Status_of_an_unknown_node_is_a_bad_request_with_the_servers_message()
        {
            using WKClient client = NewClient();
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Server.GetStatusAsync(nodeId: 77));
            Assert.Equal(WKErrorKind.BadRequest, ex.Kind);
            Assert.Equal("node not found", ex.ServerMessage);
        }

        [Fact]
        public async Task Routes_are_external_by_default_intranet_on_request_and_one_row_per_uid()
        {
            using WKClient client = NewClient();
            WKRoute external = await client.Server.GetRouteAsync();
            Assert.NotEqual(string.Empty, external.WsAddr);
            Assert.False(external.Intranet);
            WKRoute intranet = await client.Server.GetRouteAsync(intranet: true);
            Assert.Equal(string.Empty, intranet.WsAddr);
            Assert.True(intranet.Intranet);

            var rows = await client.Server.GetRoutesAsync(new[] { "a1", "b2", "c3" });
            Assert.Equal(new[] { "a1", "b2", "c3" }, rows.Select(r => r.Uid).ToArray());
            Assert.All(rows, r => Assert.Equal(external.TcpAddr, r.TcpAddr));
        }

        [Fact]
        public async Task Test_reports_a_healthy_server_that_needs_no_token()
        {
            using WKClient client = NewClient();
            WKServerTestResult result = await client.Server.TestAsync();
            Assert.True(result.Reachable);
            Assert.True(result.Healthy);
            Assert.True(result.TokenAccepted);
            Assert.False(result.ManagerTokenRequired);
            Assert.Equal("2.2.5", result.Version);
            Assert.Equal("OK", result.Message);
        }

        [Fact]
        public async Task Test_reports_an_unreachable_server_without_throwing()
        {
            using var client = new WKClient(new WKClientOptions { BaseUri = new Uri("http://127.0.0.1:9"), MaximumRetryCount = 0, Timeout = TimeSpan.FromSeconds(2) });
            WKServerTestResult result = await client.Server.TestAsync();
            Assert.False(result.Reachable);
            Assert.False(result.Healthy);
            Assert.Contains("could not be reached", result.Message);
        }

        [Fact]
        public void A_query_written_in_the_path_merges_with_added_parameters()
        {
            var request = new WKRequest("get", "channel/max_message_seq?channel_id=g%201&channel_type=2");
            request.AddQuery("login_uid", "u 1");
            Assert.Equal("GET", request.Method);
            Assert.Equal("/channel/max_message_seq", request.Path);
            Assert.Equal("/channel/max_message_seq?channel_id=g%201&channel_type=2&login_uid=u%201", request.PathAndQuery);
        }

        [Fact]
        public void Bodies_with_nan_or_infinity_are_refused_before_sending()
        {
            var ex = Assert.Throws<WKValidationException>(() => WKJsonValue.ToBody(new System.Collections.Hashtable { ["x"] = double.NaN }));
            Assert.Contains("NaN", ex.Message);
            Assert.Equal("{\"big\":1E+300,\"m\":1.25}", System.Text.Encoding.UTF8.GetString(WKJsonValue.ToBody(new System.Collections.Specialized.OrderedDictionary { ["big"] = 1e300, ["m"] = 1.25m })));
        }

        [Fact]
        public void Raw_json_keeps_64_bit_integers_exact()
        {
            object? parsed = WKJsonValue.Parse(System.Text.Encoding.UTF8.GetBytes("{\"message_id\":1900000000000000123,\"id\":12663155935008590962,\"f\":1.5,\"list\":[1,\"a\",null,true]}"));
            var map = Assert.IsAssignableFrom<System.Collections.Specialized.OrderedDictionary>(parsed);
            Assert.Equal(1900000000000000123L, map["message_id"]);
            Assert.Equal(12663155935008590962UL, map["id"]);
            Assert.Equal(1.5m, map["f"]);
            Assert.Equal(new object?[] { 1L, "a", null, true }, Assert.IsType<WKJsonArray>(map["list"]));
            Assert.Equal("{\"a\":[1,\"x\"],\"b\":{\"c\":true}}", System.Text.Encoding.UTF8.GetString(WKJsonValue.ToBody(new System.Collections.Specialized.OrderedDictionary { ["a"] = new object[] { 1, "x" }, ["b"] = new System.Collections.Hashtable { ["c"] = true } })));
        }
    }

    public sealed class ManagerTokenTests : IClassFixture<TokenEmulatorFixture>
    {
        private readonly TokenEmulatorFixture _emulator;

        public ManagerTokenTests(TokenEmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient(string? token) => new WKClient(new WKClientOptions
        {
            BaseUri = _emulator.BaseUri,
            ManagerToken = token == null ? null : Secure(token),
        });

        private static System.Security.SecureString Secure(string text)
        {
            var s = new System.Security.SecureString();
            foreach (char c in text) s.AppendChar(c);
            return s;
        }

        [Fact]
        public async Task The_right_token_is_accepted()
        {
            using WKClient client = NewClient(TokenEmulatorFixture.Token);
            WKServerStatus status = await client.Server.GetStatusAsync();
            Assert.True(status.ManagerTokenOn);
            WKServerTestResult test = await client.Server.TestAsync();
            Assert.True(test.TokenAccepted);
            Assert.True(test.ManagerTokenRequired);
            Assert.True(test.Healthy);
        }

        [Fact]
        public async Task A_missing_or_wrong_token_is_unauthorized_and_no_secret_leaks_into_errors_or_logs()
        {
            using WKClient none = NewClient(null);
            var ex = await Assert.ThrowsAsync<WKApiException>(() => none.Server.GetHealthAsync());
            Assert.Equal(WKErrorKind.Unauthorized, ex.Kind);
            Assert.Contains("manager token is missing or wrong", ex.Message);

            const string wrong = "wrong-secret-token-value";
            using WKClient bad = NewClient(wrong);
            var sink = new CollectingSink();
            WKApiException badEx;
            using (WKRequestLog.BeginScope(sink))
            {
                badEx = await Assert.ThrowsAsync<WKApiException>(() => bad.Server.GetRouteAsync());
            }
            Assert.Equal(WKErrorKind.Unauthorized, badEx.Kind);
            Assert.Equal(401, badEx.HttpStatus);
            Assert.DoesNotContain(wrong, badEx.ToString());
            Assert.DoesNotContain(TokenEmulatorFixture.Token, badEx.ToString());
            Assert.NotEmpty(sink.Lines);
            Assert.All(sink.Lines, line => Assert.DoesNotContain(wrong, line));

            WKServerTestResult test = await bad.Server.TestAsync();
            Assert.True(test.Reachable);
            Assert.False(test.TokenAccepted);
            Assert.Contains("wrong", test.Message);
            Assert.DoesNotContain(wrong, test.Message);
        }

        private sealed class CollectingSink : IWKRequestLogSink
        {
            public System.Collections.Concurrent.ConcurrentBag<string> Lines { get; } = new();
            public void Write(WKRequestLogEntry entry) => Lines.Add(entry.ToString());
        }
    }
}
