using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>The global rules of wukongim-api.md §1.3-§1.5 on a server without a manager token.</summary>
    public sealed class OpenServerPipelineTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public OpenServerPipelineTests(EmulatorFixture emulator) => _emulator = emulator;

        [Fact]
        public async Task Unknown_path_and_wrong_method_answer_gins_404_text()
        {
            var (status, body, type) = await _emulator.GetRawAsync("/no/such/route");
            Assert.Equal(404, status);
            Assert.Equal("404 page not found", body);
            Assert.Equal("text/plain", type);
            var (postStatus, postBody, _) = await _emulator.PostRawAsync("/health", "{}");
            Assert.Equal(404, postStatus);
            Assert.Equal("404 page not found", postBody);
        }

        [Fact]
        public async Task Options_is_answered_204_with_cors_headers_before_routing()
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, _emulator.Url("/anything/at/all"));
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            Assert.Equal(204, (int)response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("POST, OPTIONS, GET, PUT,DELETE,PATCH", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
            Assert.Contains("token", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        }

        [Fact]
        public async Task Trailing_slash_redirects_to_the_route()
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var http = new HttpClient(handler);
            using HttpResponseMessage get = await http.GetAsync(_emulator.Url("/health/"));
            Assert.Equal(301, (int)get.StatusCode);
            Assert.Equal("/health", get.Headers.Location!.OriginalString);
        }

        [Fact]
        public async Task Health_and_migration_have_their_bare_shapes()
        {
            Assert.Equal("{\"status\":\"ok\"}", (await _emulator.GetRawAsync("/health")).Body);
            Assert.Equal("{\"status\":\"running\",\"step\":\"\",\"last_err\":null,\"try_count\":0}", (await _emulator.GetRawAsync("/migrate/result")).Body);
            Assert.Equal("{\"logger\":{\"trace_on\":0,\"loki_on\":0},\"prometheus_on\":0,\"stress_on\":0}", (await _emulator.GetRawAsync("/varz/setting")).Body);
        }

        [Theory]
        [InlineData("null", "[{\"tcp_addr\":\"127.0.0.1:5100\",\"ws_addr\":\"ws://127.0.0.1:5200\",\"wss_addr\":\"\",\"uids\":null}]")]
        [InlineData("[]", "[{\"tcp_addr\":\"127.0.0.1:5100\",\"ws_addr\":\"ws://127.0.0.1:5200\",\"wss_addr\":\"\",\"uids\":[]}]")]
        [InlineData("[\"a\",\"b\"]", "[{\"tcp_addr\":\"127.0.0.1:5100\",\"ws_addr\":\"ws://127.0.0.1:5200\",\"wss_addr\":\"\",\"uids\":[\"a\",\"b\"]}]")]
        public async Task Route_batch_echoes_the_uids_in_one_element(string body, string expected)
        {
            var (status, answer, _) = await _emulator.PostRawAsync("/route/batch", body);
            Assert.Equal(200, status);
            Assert.Equal(expected, answer);
        }

        [Fact]
        public async Task Route_batch_with_a_non_array_body_is_a_gin_bound_400_without_json_content_type()
        {
            var (status, body, type) = await _emulator.PostRawAsync("/route/batch", "{}");
            Assert.Equal(400, status);
            Assert.Equal("{\"msg\":\"数据格式有误！\",\"status\":400}", body);
            Assert.Equal("text/plain", type);
        }

        [Theory]
        [InlineData("/route?intranet=1", "{\"tcp_addr\":\"127.0.0.1:5100\",\"ws_addr\":\"\",\"wss_addr\":\"\"}")]
        [InlineData("/route?intranet=2", "{\"tcp_addr\":\"127.0.0.1:5100\",\"ws_addr\":\"ws://127.0.0.1:5200\",\"wss_addr\":\"\"}")]
        [InlineData("/route?intranet=true", "{\"tcp_addr\":\"127.0.0.1:5100\",\"ws_addr\":\"ws://127.0.0.1:5200\",\"wss_addr\":\"\"}")]
        public async Task Only_intranet_1_selects_intranet_addresses(string path, string expected) =>
            Assert.Equal(expected, (await _emulator.GetRawAsync(path)).Body);

        [Fact]
        public async Task Varz_reports_no_token_and_rejects_unknown_nodes()
        {
            var (_, body, type) = await _emulator.GetRawAsync("/varz");
            Assert.Contains("\"manager_token_on\":0", body);
            Assert.DoesNotContain("\"conns\"", body);
            Assert.Equal("application/json", type);
            var (status, err, _) = await _emulator.GetRawAsync("/varz?node_id=99");
            Assert.Equal(400, status);
            Assert.Equal("{\"msg\":\"node not found\",\"status\":400}", err);
        }

        [Fact]
        public async Task Injected_errors_latency_and_counters_work_and_control_routes_are_not_counted()
        {
            await _emulator.ResetStatsAsync();
            await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = 502, path_prefix = "/varz/setting" });
            try
            {
                Assert.Equal(502, (await _emulator.GetRawAsync("/varz/setting")).Status);
                Assert.Equal(200, (await _emulator.GetRawAsync("/health")).Status);
                Assert.Equal(1, await _emulator.RequestCountAsync("GET /varz/setting"));
                Assert.Equal(1, await _emulator.RequestCountAsync("GET /health"));
                Assert.Equal(0, await _emulator.RequestCountAsync("GET /_emulator/stats"));
            }
            finally
            {
                await _emulator.ClearFaultsAsync();
            }
            var (status, body, _) = await _emulator.PostRawAsync("/_emulator/faults", "{\"error_rate\":2}");
            Assert.Equal(400, status);
            Assert.Contains("error_rate", body);
        }

        [Fact]
        public async Task Dropped_connections_break_the_request()
        {
            await _emulator.SetFaultsAsync(new { drop_rate = 1.0, path_prefix = "/migrate" });
            try
            {
                await Assert.ThrowsAsync<HttpRequestException>(() => _emulator.GetRawAsync("/migrate/result"));
            }
            finally
            {
                await _emulator.ClearFaultsAsync();
            }
        }
    }

    /// <summary>With managerToken set, every request needs the token header — before routing and before CORS (§1.3).</summary>
    public sealed class TokenServerPipelineTests : IClassFixture<TokenEmulatorFixture>
    {
        private readonly TokenEmulatorFixture _emulator;

        public TokenServerPipelineTests(TokenEmulatorFixture emulator) => _emulator = emulator;

        [Theory]
        [InlineData("/health")]
        [InlineData("/no/such/route")]
        public async Task Missing_or_wrong_token_is_401_with_an_empty_body_and_no_cors(string path)
        {
            foreach (string? token in new[] { null, "wrong" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Url(path));
                if (token != null) request.Headers.Add("token", token);
                using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
                Assert.Equal(401, (int)response.StatusCode);
                Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
            }
        }

        [Fact]
        public async Task Options_preflight_is_also_401_without_the_token()
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, _emulator.Url("/health"));
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            Assert.Equal(401, (int)response.StatusCode);
        }

        [Fact]
        public async Task The_token_header_name_is_case_insensitive_and_the_right_token_passes()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Url("/varz"));
            request.Headers.Add("TOKEN", TokenEmulatorFixture.Token);
            using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Contains("\"manager_token_on\":1", await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Control_routes_accept_the_token()
        {
            Assert.Equal(200, (await _emulator.GetRawAsync("/_emulator/stats")).Status);
        }
    }
}
