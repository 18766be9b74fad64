using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>POST /manager/login (§3.12) and the JWT permission check of the guarded /cluster POSTs (§11.1).</summary>
    public sealed class ManagerLoginTests : IClassFixture<ClusterEmulatorFixture>
    {
        private readonly ClusterEmulatorFixture _c;

        public ManagerLoginTests(ClusterEmulatorFixture cluster) => _c = cluster;

        private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

        [Fact]
        public async Task Login_answers_the_bare_token_object_with_expiry_and_permissions()
        {
            var (status, body, _) = await _c.PostRawAsync(1002, "/manager/login", JsonSerializer.Serialize(new { username = ClusterEmulatorFixture.Admin, password = ClusterEmulatorFixture.AdminPassword }));
            Assert.Equal(200, status);
            JsonElement login = Json(body);
            Assert.Equal(ClusterEmulatorFixture.Admin, login.GetProperty("username").GetString());
            Assert.Equal("*:rw", login.GetProperty("permissions").GetString());
            Assert.Equal(3, login.GetProperty("token").GetString()!.Split('.').Length);
            long exp = login.GetProperty("exp").GetInt64();
            long days = (exp - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) / 86400;
            Assert.InRange(days, 29, 30);
        }

        [Theory]
        [InlineData("{\"username\":\"admin\",\"password\":\" \"}", "密码不能为空")]
        [InlineData("{\"username\":\"\",\"password\":\"\"}", "密码不能为空")]
        [InlineData("{\"username\":\" \",\"password\":\"x\"}", "用户名不能为空")]
        [InlineData("{\"username\":\"admin\",\"password\":\"wrong\"}", "用户名或密码错误")]
        [InlineData("{\"username\":\"guest\",\"password\":\"guest\"}", "用户名或密码错误")]
        [InlineData("", "EOF")]
        public async Task Login_refusals_are_400_with_the_exact_text_and_lose_the_json_type(string body, string msg)
        {
            var (status, text, type) = await _c.PostRawAsync(1001, "/manager/login", body);
            Assert.Equal(400, status);
            Assert.Equal(msg, Json(text).GetProperty("msg").GetString());
            Assert.Equal("text/plain", type);
        }

        [Fact]
        public async Task Guest_guest_exists_only_when_no_account_is_configured_and_is_read_only()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync();
            using var http = new HttpClient();
            using HttpResponseMessage r = await http.PostAsync(new Uri(host.BaseUri, "/manager/login"), new StringContent("{\"username\":\"guest\",\"password\":\"guest\"}", Encoding.UTF8, "application/json"));
            JsonElement login = Json(await r.Content.ReadAsStringAsync());
            Assert.Equal("*:r", login.GetProperty("permissions").GetString());
            using var election = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUri, "/cluster/slots/1/election"));
            election.Headers.Add("Authorization", "Bearer " + login.GetProperty("token").GetString());
            using HttpResponseMessage refused = await http.SendAsync(election);
            Assert.Equal(400, (int)refused.StatusCode);
            Assert.Equal("{\"msg\":\"没有权限\",\"status\":403}", await refused.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Guarded_actions_need_a_valid_unexpired_jwt_with_write_permission()
        {
            string admin = await _c.LoginAsync(ClusterEmulatorFixture.Admin, ClusterEmulatorFixture.AdminPassword);
            string reader = await _c.LoginAsync(ClusterEmulatorFixture.Reader, ClusterEmulatorFixture.ReaderPassword);
            foreach (string? bearer in new[] { null, reader, admin + "x", "not-a-jwt" })
            {
                var (status, body, _) = await _c.PostRawAsync(1001, "/cluster/slots/5/election", "", bearer);
                Assert.Equal(400, status);
                Assert.Equal(403, Json(body).GetProperty("status").GetInt32());
                Assert.Equal("没有权限", Json(body).GetProperty("msg").GetString());
            }
            Assert.Equal(200, (await _c.PostRawAsync(1003, "/cluster/slots/5/election", "", admin)).Status);

            // An expired token grants nothing.
            await using EmulatorHost host = await EmulatorHost.StartAsync("http://127.0.0.1:0", null, new ClusterOptions
            {
                ManagerUsers = new[] { new ManagerUser("ops", "pw", "slotElection:w") },
                JwtExpire = TimeSpan.FromSeconds(-5),
            });
            using var http = new HttpClient();
            using HttpResponseMessage login = await http.PostAsync(new Uri(host.BaseUri, "/manager/login"), new StringContent("{\"username\":\"ops\",\"password\":\"pw\"}", Encoding.UTF8, "application/json"));
            string expired = Json(await login.Content.ReadAsStringAsync()).GetProperty("token").GetString()!;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUri, "/cluster/slots/1/election"));
            request.Headers.Add("Authorization", "Bearer " + expired);
            using HttpResponseMessage refused = await http.SendAsync(request);
            Assert.Equal(403, Json(await refused.Content.ReadAsStringAsync()).GetProperty("status").GetInt32());
        }

        [Fact]
        public void Permissions_match_resource_or_star_and_the_action_or_star()
        {
            var ops = ManagerUser.Parse("ops:p:slotMigrate:w,clusterchannelStop:*");
            Assert.Equal("ops", ops.Name);
            Assert.Equal("p", ops.Password);
            Assert.True(ops.Has("slotMigrate", 'w'));
            Assert.True(ops.Has("clusterchannelStop", 'w'));
            Assert.False(ops.Has("slotElection", 'w'));
            Assert.False(ManagerUser.Parse("r:p:*:r").Has("slotMigrate", 'w'));
            Assert.Equal("*:r", ManagerUser.Parse("r:p").Permissions);
            Assert.Throws<ArgumentException>(() => ManagerUser.Parse("nopassword"));
        }
    }
}
