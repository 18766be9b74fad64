using System;
using System.Collections.Concurrent;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>No session was given, none is connected in this runspace, and WUKONGIM_URL is not set.</summary>
    [Serializable]
    public sealed class WKNotConnectedException : InvalidOperationException
    {
        public WKNotConnectedException()
            : base("Not connected to a WuKongIM server. Run Connect-WKServer -Uri <address>, pass -Session, or set the WUKONGIM_URL (and WUKONGIM_MANAGER_TOKEN) environment variables.")
        {
        }
    }

    /// <summary>
    /// The default session of each runspace, and the session built from environment variables for scheduled tasks.
    /// Plain code (no PowerShell engine) so it is tested directly.
    /// </summary>
    public static class WKSessionStore
    {
        public const string UrlVariable = "WUKONGIM_URL";
        public const string TokenVariable = "WUKONGIM_MANAGER_TOKEN";

        private static readonly ConcurrentDictionary<Guid, WKSession> Defaults = new ConcurrentDictionary<Guid, WKSession>();
        private static readonly ConcurrentDictionary<string, WKSession> EnvironmentSessions = new ConcurrentDictionary<string, WKSession>(StringComparer.Ordinal);

        public static WKSession? GetDefault(Guid runspaceId) => Defaults.TryGetValue(runspaceId, out WKSession? s) ? s : null;

        public static void SetDefault(Guid runspaceId, WKSession session) => Defaults[runspaceId] = session;

        public static WKSession? RemoveDefault(Guid runspaceId) => Defaults.TryRemove(runspaceId, out WKSession? s) ? s : null;

        /// <summary>The session a cmdlet uses: -Session, else the runspace default, else one from the environment; otherwise throws.</summary>
        public static WKSession Resolve(WKSession? explicitSession, Guid runspaceId, Func<string, string?> getEnvironmentVariable)
        {
            if (explicitSession != null)
            {
                return explicitSession.IsDisposed ? throw new WKNotConnectedException() : explicitSession;
            }
            WKSession? current = GetDefault(runspaceId);
            if (current != null && !current.IsDisposed)
            {
                return current;
            }
            return FromEnvironment(getEnvironmentVariable) ?? throw new WKNotConnectedException();
        }

        /// <summary>A session from WUKONGIM_URL / WUKONGIM_MANAGER_TOKEN, reused while the variables stay the same.</summary>
        public static WKSession? FromEnvironment(Func<string, string?> getEnvironmentVariable)
        {
            string? url = getEnvironmentVariable(UrlVariable);
            if (string.IsNullOrWhiteSpace(url))
            {
                return null;
            }
            string token = getEnvironmentVariable(TokenVariable) ?? string.Empty;
            // Keyed by a hash so the token is not kept as a plain dictionary key.
            string key = url!.Trim() + "\n" + HashOf(token);
            // A disconnected environment session is replaced, so Disconnect-WKServer never leaves a dead one behind.
            return EnvironmentSessions.AddOrUpdate(key,
                _ => WKSession.Create(url, ToSecureString(token), 30, 3, 0.5, "Environment"),
                (_, existing) => existing.IsDisposed ? WKSession.Create(url, ToSecureString(token), 30, 3, 0.5, "Environment") : existing);
        }

        public static SecureString? ToSecureString(string? plain)
        {
            if (string.IsNullOrEmpty(plain))
            {
                return null;
            }
            var secure = new SecureString();
            foreach (char c in plain!)
            {
                secure.AppendChar(c);
            }
            secure.MakeReadOnly();
            return secure;
        }

        private static string HashOf(string text)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text)));
        }
    }
}
