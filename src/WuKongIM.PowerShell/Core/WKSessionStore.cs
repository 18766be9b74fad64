using System;
using System.Collections.Concurrent;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// The default session of each runspace, and the session built from environment variables for scheduled tasks.
    /// Plain code (no PowerShell engine) so it is tested directly.
    /// </summary>
    internal static class WKSessionStore
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
                _ => FromEnvironmentSettings(url, token),
                (_, existing) => existing.IsDisposed ? FromEnvironmentSettings(url, token) : existing);
        }

        /// <summary>An environment session has no place for settings: it gets the client's defaults.</summary>
        private static WKSession FromEnvironmentSettings(string url, string token) =>
            WKSession.Create(url, ToSecureString(token), WKClientOptions.DefaultTimeoutSeconds, WKClientOptions.DefaultMaximumRetryCount,
                WKClientOptions.DefaultRetryIntervalSeconds, "Environment");

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
