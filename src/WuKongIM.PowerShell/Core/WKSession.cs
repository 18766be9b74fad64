using System;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// A connection to one WuKongIM server: its address, settings and one HttpClient. Thread-safe, so one session can be
    /// shared by thread jobs and ForEach-Object -Parallel through -Session. It never exposes the manager token.
    /// </summary>
    public sealed class WKSession : IDisposable
    {
        internal WKSession(Uri uri, SecureString? managerToken, int timeoutSec, int maximumRetryCount, double retryIntervalSec, string source,
            string? managerUser = null, SecureString? managerPassword = null, int? deadlineSec = null)
        {
            DeadlineSec = deadlineSec ?? (int)WKClientOptions.DefaultDeadline.TotalSeconds;
            ManagerUser = managerUser;
            Uri = uri;
            HasManagerToken = managerToken != null && managerToken.Length > 0;
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            RetryIntervalSec = retryIntervalSec;
            Source = source;
            CreatedAt = DateTimeOffset.UtcNow;
            Client = new WKClient(new WKClientOptions
            {
                BaseUri = uri,
                ManagerToken = managerToken,
                Timeout = TimeSpan.FromSeconds(timeoutSec),
                MaximumRetryCount = maximumRetryCount,
                RetryBaseDelay = TimeSpan.FromSeconds(retryIntervalSec),
                Deadline = TimeSpan.FromSeconds(DeadlineSec),
                ManagerUserName = managerUser,
                ManagerPassword = managerPassword,
            });
        }

        public Uri Uri { get; }
        public bool HasManagerToken { get; }

        /// <summary>The manager user of Connect-WKServer -Credential (for the cluster topology actions); null without one.</summary>
        public string? ManagerUser { get; }

        /// <summary>The current manager login: user, permissions and when its JWT expires (it is renewed before then). Never the JWT.</summary>
        public WKManagerLoginInfo? ManagerLogin => IsDisposed ? null : Client.Transport.ManagerLogin;
        public int TimeoutSec { get; }
        public int MaximumRetryCount { get; }
        public double RetryIntervalSec { get; }

        /// <summary>The longest one cmdlet call may take, retries and Retry-After waits included (Connect-WKServer -DeadlineSec).</summary>
        public int DeadlineSec { get; }

        /// <summary>Where the session came from: Connect-WKServer, or the WUKONGIM_URL environment variable.</summary>
        public string Source { get; }
        public DateTimeOffset CreatedAt { get; }
        public bool IsDisposed { get; private set; }

        /// <summary>The REST client, for scripts that need a call no cmdlet makes.</summary>
        public WKClient Client { get; }

        public override string ToString() => Uri.AbsoluteUri;

        public void Dispose()
        {
            if (!IsDisposed)
            {
                IsDisposed = true;
                Client.Dispose();
            }
        }

        /// <summary>Creates a session after checking the settings; throws <see cref="WKValidationException"/> on bad input.</summary>
        public static WKSession Create(string uri, SecureString? managerToken, int timeoutSec, int maximumRetryCount, double retryIntervalSec, string source,
            string? managerUser = null, SecureString? managerPassword = null, int? deadlineSec = null)
        {
            Uri parsed = ParseUri(uri);
            WKClientOptions.ValidateRetrySettings(timeoutSec, maximumRetryCount, retryIntervalSec, "TimeoutSec", "MaximumRetryCount", "RetryIntervalSec");
            if (managerUser != null && (string.IsNullOrWhiteSpace(managerUser) || managerPassword == null || managerPassword.Length == 0))
            {
                throw new WKValidationException("A manager login needs a user name and a password.", "Credential");
            }
            if (deadlineSec.HasValue && deadlineSec.Value < 1)
            {
                throw new WKValidationException("DeadlineSec must be positive.", "DeadlineSec");
            }
            return new WKSession(parsed, managerToken, timeoutSec, maximumRetryCount, retryIntervalSec, source, managerUser, managerPassword, deadlineSec);
        }

        /// <summary>Accepts http(s) URIs, and a bare host:port, which means http (WuKongIM's API port speaks plain HTTP).</summary>
        public static Uri ParseUri(string uri)
        {
            string text = (uri ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                throw new WKValidationException("The server URI is empty.", "Uri");
            }
            if (text.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                text = "http://" + text;
            }
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(parsed.Host))
            {
                throw new WKValidationException("'" + uri + "' is not an http:// or https:// server address.", "Uri");
            }
            if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
            {
                throw new WKValidationException("The server URI must not contain a query, a fragment or user info: " + uri, "Uri");
            }
            return parsed;
        }

        /// <summary>True when a token would travel unencrypted to another machine (http to a non-loopback host).</summary>
        public bool SendsTokenInClearText => (HasManagerToken || ManagerUser != null) && Uri.Scheme == Uri.UriSchemeHttp && !Uri.IsLoopback;
    }
}
