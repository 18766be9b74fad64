using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>
    /// A 3-node emulator (nodes 1001-1003, each on its own free port) with two manager accounts: an administrator with
    /// write permission and a read-only user. Nodes taken offline by a test are brought back by <see cref="SetOnlineAsync"/>.
    /// </summary>
    public class ClusterFixture : IAsyncLifetime
    {
        public const string AdminUser = "admin";
        public const string AdminPassword = "Adm1n-pass-Zq8";
        public const string ReaderUser = "reader";
        public const string ReaderPassword = "Read-only-pass-4K";

        private EmulatorHost? _host;

        public HttpClient Http { get; } = new HttpClient();
        public Uri BaseUri => _host!.BaseUri;
        public IReadOnlyList<Uri> NodeUris => _host!.NodeUris;

        public async Task InitializeAsync()
        {
            _host = await EmulatorHost.StartAsync("http://127.0.0.1:0", null, new ClusterOptions
            {
                NodeCount = 3,
                ManagerUsers = new[] { ManagerUser.Parse(AdminUser + ":" + AdminPassword + ":*:rw"), ManagerUser.Parse(ReaderUser + ":" + ReaderPassword + ":*:r") },
            });
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_host != null)
            {
                await _host.DisposeAsync();
            }
        }

        public WKClient NewClient(string? user = null, string? password = null) => new WKClient(new WKClientOptions
        {
            BaseUri = BaseUri,
            ManagerUserName = user,
            ManagerPassword = password == null ? null : Secure(password),
            MaximumRetryCount = 0,
            Timeout = TimeSpan.FromSeconds(10),
        });

        public static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (char c in text)
            {
                s.AppendChar(c);
            }
            s.MakeReadOnly();
            return s;
        }

        public Uri Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery);

        public async Task<JsonElement> PostControlAsync(string path, object? body = null)
        {
            using var content = new StringContent(body == null ? string.Empty : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            using HttpResponseMessage r = await Http.PostAsync(Url(path), content);
            string text = await r.Content.ReadAsStringAsync();
            Assert.True(r.IsSuccessStatusCode, path + " -> " + (int)r.StatusCode + " " + text);
            using JsonDocument doc = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            return doc.RootElement.Clone();
        }

        /// <summary>A simulated device connection on the given node; returns its connection id.</summary>
        public async Task<long> ConnectDeviceAsync(string uid, ulong nodeId) =>
            (await PostControlAsync("/_emulator/connections", new { uid, device_flag = 1, device_level = 0, node_id = nodeId })).GetProperty("id").GetInt64();

        public Task SetOfflineAsync(ulong nodeId) => PostControlAsync("/_emulator/nodes/" + nodeId + "/offline");

        public Task SetOnlineAsync(ulong nodeId) => PostControlAsync("/_emulator/nodes/" + nodeId + "/online");

        public Task FillAsync(string channelId, int count, string? fromUid = null) =>
            PostControlAsync("/_emulator/messages/fill", new { channel_id = channelId, channel_type = 2, count, from_uid = fromUid });

        public static string NewId(string prefix = "t") => prefix + Guid.NewGuid().ToString("N").Substring(0, 12);
    }
}
