using System;
using System.Security;
using WuKongIM.Tests.Shared;

namespace WuKongIM.Client.Tests
{
    /// <summary>The shared 3-node emulator (admin with write permission, a read-only reader), plus clients of the module.</summary>
    public class ClusterFixture : ClusterEmulatorFixture
    {
        public WKClient NewClient(string? user = null, string? password = null) => new WKClient(new WKClientOptions
        {
            BaseUri = BaseUri,
            ManagerUserName = user,
            ManagerPassword = password == null ? null : Secure(password),
            MaximumRetryCount = 0,
            Timeout = TimeSpan.FromSeconds(10),
        });

        public WKClient NewAdminClient() => NewClient(Admin, AdminPassword);

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

        public static string NewId(string prefix = "t") => prefix + Guid.NewGuid().ToString("N").Substring(0, 12);
    }
}
