using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Core;
using Xunit;

namespace WuKongIM.Tests.Shared
{
    /// <summary>
    /// Starts one in-process emulator on 127.0.0.1 with a free port for a test class. Tests talk to it over real HTTP;
    /// the /_emulator/ control routes set faults and read request counters.
    /// </summary>
    public class EmulatorFixture : IAsyncLifetime
    {
        private EmulatorHost? _host;

        protected virtual string? ManagerToken => null;

        public Uri BaseUri => _host!.BaseUri;

        public HttpClient Http { get; } = new HttpClient();

        /// <summary>For the /_emulator/ control routes: carries the manager token when the fixture has one, as they require it.</summary>
        private HttpClient Control { get; } = new HttpClient();

        public async Task InitializeAsync()
        {
            if (ManagerToken != null)
            {
                Control.DefaultRequestHeaders.Add("token", ManagerToken);
            }
            _host = await EmulatorHost.StartAsync("http://127.0.0.1:0", ManagerToken);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            Control.Dispose();
            if (_host != null)
            {
                await _host.DisposeAsync();
            }
        }

        public Uri Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery);

        /// <summary>Raw POST of a JSON text, with the manager token when the fixture has one.</summary>
        public async Task<(int Status, string Body, string? ContentType)> PostRawAsync(string path, string body, string? token = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if ((token ?? ManagerToken) is string t)
            {
                request.Headers.Add("token", t);
            }
            using HttpResponseMessage response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }

        public async Task<(int Status, string Body, string? ContentType)> GetRawAsync(string pathAndQuery, string? token = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery));
            if ((token ?? ManagerToken) is string t)
            {
                request.Headers.Add("token", t);
            }
            using HttpResponseMessage response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }

        /// <summary>Sets fault injection, e.g. new { latency_ms = 5, error_rate = 0.05 }.</summary>
        public async Task SetFaultsAsync(object faults)
        {
            using HttpResponseMessage r = await Control.PostAsync(Url("/_emulator/faults"), new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json"));
            r.EnsureSuccessStatusCode();
        }

        public async Task ClearFaultsAsync()
        {
            using HttpResponseMessage r = await Control.DeleteAsync(Url("/_emulator/faults"));
            r.EnsureSuccessStatusCode();
        }

        public async Task ResetStatsAsync()
        {
            using HttpResponseMessage r = await Control.PostAsync(Url("/_emulator/stats/reset"), null);
            r.EnsureSuccessStatusCode();
        }

        /// <summary>How many API requests "METHOD /path" the emulator received since the last stats reset.</summary>
        public async Task<long> RequestCountAsync(string methodAndPath)
        {
            using JsonDocument doc = JsonDocument.Parse(await Control.GetStringAsync(Url("/_emulator/stats")));
            return doc.RootElement.GetProperty("requests").TryGetProperty(methodAndPath, out JsonElement n) ? n.GetInt64() : 0;
        }

        /// <summary>Simulates a device connection (the emulator has no TCP gateway); returns its connection id.</summary>
        public async Task<long> ConnectDeviceAsync(string uid, int deviceFlag = 0, int deviceLevel = 0)
        {
            string json = JsonSerializer.Serialize(new { uid, device_flag = deviceFlag, device_level = deviceLevel });
            using HttpResponseMessage r = await Control.PostAsync(Url("/_emulator/connections"), new StringContent(json, Encoding.UTF8, "application/json"));
            r.EnsureSuccessStatusCode();
            using JsonDocument doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            return doc.RootElement.GetProperty("id").GetInt64();
        }

        /// <summary>A unique id for this test, so tests sharing one emulator never see each other's data.</summary>
        public static string NewId(string prefix = "t") => prefix + Guid.NewGuid().ToString("N").Substring(0, 12);
    }

    /// <summary>An emulator that requires a manager token, like a server with managerToken set.</summary>
    public class TokenEmulatorFixture : EmulatorFixture
    {
        public const string Token = "fixture-manager-token-7Qz";
        protected override string? ManagerToken => Token;
    }
}
