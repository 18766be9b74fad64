using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class UsersApiTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public UsersApiTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        [Fact]
        public async Task Register_generates_a_strong_token_per_device_and_the_device_listing_masks_it()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("reg");
            WKUserToken app = await client.Users.RegisterAsync(uid);
            WKUserToken web = await client.Users.RegisterAsync(uid, WKDeviceFlag.Web, WKDeviceLevel.Master);
            Assert.True(app.Generated);
            Assert.Equal(43, app.Token.Length);
            Assert.NotEqual(app.Token, web.Token);
            Assert.DoesNotContain(app.Token, app.ToString());

            IReadOnlyList<WKDevice> masked = await client.Users.GetDevicesAsync(uid);
            Assert.Equal(2, masked.Count);
            Assert.All(masked, d => Assert.Equal("********", d.Token));
            Assert.All(masked, d => Assert.True(d.HasToken && d.TokenMasked));
            IReadOnlyList<WKDevice> clear = await client.Users.GetDevicesAsync(uid, includeToken: true);
            Assert.Equal(web.Token, clear.Single(d => d.DeviceFlag == WKDeviceFlag.Web).Token);
            Assert.Equal(WKDeviceLevel.Master, clear.Single(d => d.DeviceFlag == WKDeviceFlag.Web).DeviceLevel);

            WKUserToken given = await client.Users.RegisterAsync(uid, WKDeviceFlag.PC, token: "given-token");
            Assert.False(given.Generated);
            Assert.Equal("given-token", given.Token);
        }

        [Fact]
        public async Task Quit_blanks_the_token_and_kicks_the_device()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("quit");
            await client.Users.RegisterAsync(uid, WKDeviceFlag.Web);
            await _emulator.ConnectDeviceAsync(uid, deviceFlag: 1);
            Assert.True((await client.Users.GetOnlineStatusAsync(new[] { uid })).Single().Online);
            await client.Users.QuitDeviceAsync(uid, WKDeviceFlag.All);
            Assert.False((await client.Users.GetOnlineStatusAsync(new[] { uid })).Single().Online);
            WKDevice device = (await client.Users.GetDevicesAsync(uid)).Single();
            Assert.False(device.HasToken);
            Assert.Equal("", device.Token);
        }

        [Fact]
        public async Task Token_of_a_banned_user_is_rejected_with_reason_19()
        {
            using WKClient client = NewClient();
            string uid = EmulatorFixture.NewId("banned");
            await client.Channels.SetChannelInfoAsync(new WKChannelInfo { ChannelId = uid, ChannelType = WKChannelType.Person, Ban = true }, default);
            var ex = await Assert.ThrowsAsync<WKApiException>(() => client.Users.SetTokenAsync(uid, "t"));
            Assert.Equal(WKErrorKind.Rejected, ex.Kind);
            Assert.Equal(19, ex.ServerStatus);
            Assert.DoesNotContain("\"t\"", ex.Message);
        }

        [Theory]
        [InlineData("", "WKUidEmpty")]
        [InlineData("   ", "WKUidEmpty")]
        [InlineData("a@b", "WKUidSpecialCharacter")]
        [InlineData("a#b", "WKUidSpecialCharacter")]
        [InlineData("a&b", "WKUidSpecialCharacter")]
        [InlineData("____system", "WKSystemUidToken")]
        public async Task Bad_uids_are_refused_before_any_request(string uid, string errorId)
        {
            using WKClient client = NewClient();
            await _emulator.ResetStatsAsync();
            var ex = await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.SetTokenAsync(uid, "t"));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(0, await _emulator.RequestCountAsync("POST /user/token"));
        }

        [Theory]
        [InlineData(5)]
        [InlineData(-1)]
        [InlineData(100)]
        public async Task Unknown_device_flags_are_refused_with_their_own_error_id(int flag)
        {
            using WKClient client = NewClient();
            var ex = await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.SetTokenAsync("u1", "t", (WKDeviceFlag)flag));
            Assert.Equal("WKInvalidDeviceFlag", ex.ErrorId);
            if (flag != -1)
            {
                var quit = await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.QuitDeviceAsync("u1", (WKDeviceFlag)flag));
                Assert.Equal("WKInvalidDeviceFlag", quit.ErrorId);
            }
        }

        [Fact]
        public async Task Online_status_has_one_row_per_distinct_uid_with_device_flags_and_counts()
        {
            using WKClient client = NewClient();
            string a = EmulatorFixture.NewId("a");
            string b = EmulatorFixture.NewId("b");
            await _emulator.ConnectDeviceAsync(a, deviceFlag: 1);
            await _emulator.ConnectDeviceAsync(a, deviceFlag: 0);
            await _emulator.ConnectDeviceAsync(a, deviceFlag: 1);
            IReadOnlyList<WKOnlineStatus> rows = await client.Users.GetOnlineStatusAsync(new[] { b, a, b });
            Assert.Equal(new[] { b, a }, rows.Select(r => r.Uid).ToArray());
            Assert.False(rows[0].Online);
            Assert.Empty(rows[0].DeviceFlags);
            Assert.True(rows[1].Online);
            Assert.Equal(3, rows[1].ConnectionCount);
            Assert.Equal(new[] { WKDeviceFlag.App, WKDeviceFlag.Web }, rows[1].DeviceFlags);
        }

        [Fact]
        public async Task System_uids_add_list_and_remove()
        {
            using WKClient client = NewClient();
            string bot = EmulatorFixture.NewId("bot");
            await client.Users.AddSystemUidsAsync(new[] { bot });
            Assert.Contains(bot, await client.Users.GetSystemUidsAsync());
            await client.Users.RemoveSystemUidsAsync(new[] { bot });
            Assert.DoesNotContain(bot, await client.Users.GetSystemUidsAsync());
            await client.Users.AddSystemUidsToCacheAsync(new[] { bot });
            await client.Users.RemoveSystemUidsFromCacheAsync(new[] { bot });
            await client.Users.UpdatePluginNoAsync(bot, "plugin-1");
            await Assert.ThrowsAsync<WKInvalidInputException>(() => client.Users.AddSystemUidsAsync(Array.Empty<string>()));
        }

        [Fact]
        public async Task Users_list_pages_through_every_user_and_lookups_treat_the_500_as_absent()
        {
            using WKClient client = NewClient();
            string prefix = EmulatorFixture.NewId("lst");
            var mine = Enumerable.Range(0, 7).Select(i => prefix + i).ToList();
            foreach (string uid in mine)
            {
                await client.Users.RegisterAsync(uid);
            }
            await _emulator.ResetStatsAsync();
            var listed = new List<WKUser>();
            await foreach (WKUser user in client.Users.ListUsersAsync(pageSize: 3))
            {
                listed.Add(user);
            }
            Assert.Equal(mine.AsEnumerable().Reverse().ToArray(), listed.Where(u => u.Uid.StartsWith(prefix, StringComparison.Ordinal)).Select(u => u.Uid).ToArray());
            Assert.Equal(listed.Count, listed.Select(u => u.Uid).Distinct().Count());
            Assert.True(await _emulator.RequestCountAsync("GET /cluster/users") >= 3);

            WKUser? one = await client.Users.GetUserAsync(mine[2]);
            Assert.NotNull(one);
            Assert.NotNull(one!.CreatedAt);
            Assert.True(one.CreatedAt!.Value > DateTimeOffset.UtcNow.AddMinutes(-5));
            Assert.Null(await client.Users.GetUserAsync(prefix + "-nobody"));
        }
    }
}
