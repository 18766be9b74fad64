using System;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>Manager login (POST /manager/login) and the topology actions it unlocks, against a 3-node emulator.</summary>
    public sealed class ClusterManagerTests : IClassFixture<ClusterFixture>
    {
        private readonly ClusterFixture _cluster;

        public ClusterManagerTests(ClusterFixture cluster) => _cluster = cluster;

        [Fact]
        public async Task Login_keeps_user_permissions_and_expiry_but_never_the_jwt_or_password()
        {
            using WKClient client = _cluster.NewClient(ClusterFixture.Admin, ClusterFixture.AdminPassword);
            Assert.Null(client.Transport.ManagerLogin);
            WKManagerLoginInfo info = await client.Cluster.LoginAsync();
            Assert.Equal(ClusterFixture.Admin, info.UserName);
            Assert.Equal("*:rw", info.Permissions);
            Assert.True(info.ExpiresAt > DateTimeOffset.UtcNow.AddDays(29));
            Assert.Same(info, client.Transport.ManagerLogin);
            Assert.DoesNotContain(ClusterFixture.AdminPassword, info.ToString());
            Assert.DoesNotContain("eyJ", info.ToString());
        }

        [Fact]
        public async Task A_wrong_password_is_a_login_error_that_does_not_show_the_password()
        {
            using WKClient client = _cluster.NewClient(ClusterFixture.Admin, "not-the-password-9x");
            WKManagerLoginException ex = await Assert.ThrowsAsync<WKManagerLoginException>(() => client.Cluster.LoginAsync());
            Assert.Equal("\u7528\u6237\u540d\u6216\u5bc6\u7801\u9519\u8bef", ex.ServerMessage);
            Assert.DoesNotContain("not-the-password-9x", ex.ToString());
        }

        [Fact]
        public async Task Topology_actions_need_a_login_and_the_w_permission()
        {
            using (WKClient anonymous = _cluster.NewClient())
            {
                await Assert.ThrowsAsync<WKManagerLoginRequiredException>(() => anonymous.Cluster.ElectSlotLeaderAsync(3));
            }
            using (WKClient reader = _cluster.NewClient(ClusterFixture.Reader, ClusterFixture.ReaderPassword))
            {
                WKClusterRefusedException refused = await Assert.ThrowsAsync<WKClusterRefusedException>(() => reader.Cluster.ElectSlotLeaderAsync(3));
                Assert.Equal(WKClusterRefusal.PermissionDenied, refused.Reason);
                Assert.Equal(403, refused.ServerStatus);
                Assert.Equal(400, refused.HttpStatus);
            }
            using (WKClient admin = _cluster.NewClient(ClusterFixture.Admin, ClusterFixture.AdminPassword))
            {
                ulong before = (await admin.Cluster.GetAllSlotsAsync()).Single(s => s.SlotId == 3).LeaderId;
                await admin.Cluster.ElectSlotLeaderAsync(3);
                ulong after = (await admin.Cluster.GetAllSlotsAsync()).Single(s => s.SlotId == 3).LeaderId;
                Assert.NotEqual(before, after);
            }
        }

        [Fact]
        public async Task A_slot_move_from_a_node_without_a_replica_is_refused_as_not_in_replicas()
        {
            using WKClient admin = _cluster.NewClient(ClusterFixture.Admin, ClusterFixture.AdminPassword);
            WKClusterRefusedException ex = await Assert.ThrowsAsync<WKClusterRefusedException>(() => admin.Cluster.MigrateSlotAsync(4, 4242, 1002));
            Assert.Equal(WKClusterRefusal.NotInReplicas, ex.Reason);
            await Assert.ThrowsAsync<WKInvalidInputException>(() => admin.Cluster.MigrateSlotAsync(4, 1001, 1001));
        }

        [Fact]
        public async Task An_expiring_jwt_is_renewed_by_a_new_login_before_use()
        {
            using WKClient admin = _cluster.NewClient(ClusterFixture.Admin, ClusterFixture.AdminPassword);
            WKManagerAuthenticator auth = admin.Transport.ManagerAuthenticator!;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            auth.Clock = () => now;
            await admin.Cluster.ElectSlotLeaderAsync(6);
            Assert.Equal(1, auth.LoginCount);
            await admin.Cluster.ElectSlotLeaderAsync(6);
            Assert.Equal(1, auth.LoginCount);
            // Thirty days on, the JWT is at its expiry: the next action logs in again first.
            now = admin.Transport.ManagerLogin!.ExpiresAt;
            await admin.Cluster.ElectSlotLeaderAsync(6);
            Assert.Equal(2, auth.LoginCount);
        }
    }
}
