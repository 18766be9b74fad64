using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;
using Xunit;

namespace WuKongIM.Tests.Shared
{
    /// <summary>
    /// A 3-node emulated cluster (nodes 1001, 1002, 1003, each on its own free port) with two manager accounts:
    /// <see cref="Admin"/> (<c>*:rw</c>) and <see cref="Reader"/> (<c>*:r</c>). Tests talk HTTP to any node.
    /// </summary>
    public class ClusterEmulatorFixture : IAsyncLifetime
    {
        public const string Admin = "admin";
        public const string AdminPassword = "admin-pw-3Kq";
        public const string Reader = "reader";
        public const string ReaderPassword = "reader-pw-8Zt";

        private EmulatorHost? _host;

        protected virtual int NodeCount => 3;

        public HttpClient Http { get; } = new HttpClient();

        /// <summary>Each node's base address, node 1001 first.</summary>
        public IReadOnlyList<Uri> NodeUris => _host!.NodeUris;

        public Uri BaseUri => _host!.BaseUri;

        public async Task InitializeAsync()
        {
            var options = new ClusterOptions
            {
                NodeCount = NodeCount,
                ManagerUsers = new[] { new ManagerUser(Admin, AdminPassword, "*:rw"), new ManagerUser(Reader, ReaderPassword, "*:r") },
            };
            _host = await EmulatorHost.StartAsync("http://127.0.0.1:0", null, options);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_host != null)
            {
                await _host.DisposeAsync();
            }
        }

        /// <summary>The address of node <paramref name="nodeId"/> (1001, 1002, ...).</summary>
        public Uri Node(ulong nodeId) => NodeUris[(int)(nodeId - ClusterOptions.FirstNodeId)];

        public async Task<(int Status, string Body, string? ContentType)> GetRawAsync(ulong nodeId, string pathAndQuery, string? bearer = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Node(nodeId), pathAndQuery));
            if (bearer != null) request.Headers.Add("Authorization", "Bearer " + bearer);
            using HttpResponseMessage response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }

        public async Task<(int Status, string Body, string? ContentType)> PostRawAsync(ulong nodeId, string path, string body, string? bearer = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Node(nodeId), path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (bearer != null) request.Headers.Add("Authorization", "Bearer " + bearer);
            using HttpResponseMessage response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }

        /// <summary>Logs in through POST /manager/login and returns the JWT.</summary>
        public async Task<string> LoginAsync(string username, string password)
        {
            var (status, body, _) = await PostRawAsync(1001, "/manager/login", JsonSerializer.Serialize(new { username, password }));
            if (status != 200) throw new InvalidOperationException("login failed: " + status);
            using JsonDocument doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("token").GetString()!;
        }

        /// <summary>Takes a node offline (its port fails every connection) or back online, through another node's control route.</summary>
        public async Task SetOnlineAsync(ulong nodeId, bool online)
        {
            ulong via = nodeId == ClusterOptions.FirstNodeId ? nodeId + 1 : ClusterOptions.FirstNodeId;
            using HttpResponseMessage r = await Http.PostAsync(new Uri(Node(via), "/_emulator/nodes/" + nodeId + (online ? "/online" : "/offline")), null);
            r.EnsureSuccessStatusCode();
        }

        /// <summary>Simulates a device connected to node <paramref name="nodeId"/>; returns its connection id.</summary>
        public async Task<long> ConnectDeviceAsync(ulong nodeId, string uid)
        {
            string json = JsonSerializer.Serialize(new { uid, node_id = nodeId });
            ulong via = ClusterOptions.FirstNodeId;
            using HttpResponseMessage r = await Http.PostAsync(new Uri(Node(via), "/_emulator/connections"), new StringContent(json, Encoding.UTF8, "application/json"));
            r.EnsureSuccessStatusCode();
            using JsonDocument doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            return doc.RootElement.GetProperty("id").GetInt64();
        }

        /// <summary>Fills <paramref name="count"/> messages round-robin over <paramref name="channels"/> group channels prefix-1..prefix-N.</summary>
        public async Task FillAsync(string prefix, int count, int channels)
        {
            string json = JsonSerializer.Serialize(new { channel_id = prefix, channel_type = 2, count, channel_count = channels });
            using HttpResponseMessage r = await Http.PostAsync(new Uri(BaseUri, "/_emulator/messages/fill"), new StringContent(json, Encoding.UTF8, "application/json"));
            r.EnsureSuccessStatusCode();
        }
    }
}
