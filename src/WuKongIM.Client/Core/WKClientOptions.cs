using System;
using System.Security;

namespace WuKongIM.Client
{
    /// <summary>Settings for one <see cref="WKClient"/>. Copied when the client is created; later changes have no effect.</summary>
    public sealed class WKClientOptions
    {
        /// <summary>The default time allowed for one attempt, in seconds (also Connect-WKServer's -TimeoutSec).</summary>
        public const int DefaultTimeoutSeconds = 30;

        /// <summary>The default number of retries (also Connect-WKServer's -MaximumRetryCount).</summary>
        public const int DefaultMaximumRetryCount = 3;

        /// <summary>The default first backoff delay, in seconds (also Connect-WKServer's -RetryIntervalSec).</summary>
        public const double DefaultRetryIntervalSeconds = 0.5;

        /// <summary>Base address of the WuKongIM HTTP API, for example http://127.0.0.1:5001.</summary>
        public Uri? BaseUri { get; set; }

        /// <summary>The server's managerToken, sent as the <c>token</c> header. Null when the server has none.</summary>
        public SecureString? ManagerToken { get; set; }

        /// <summary>
        /// A manager user (config auth.users) for <c>POST /manager/login</c>; its JWT is sent as <c>Authorization: Bearer</c>
        /// on the cluster topology actions, the only routes of port 5001 where it counts (§1.3, §11.1).
        /// </summary>
        public string? ManagerUserName { get; set; }

        /// <summary>The manager user's password; copied and kept read-only, never written anywhere.</summary>
        public SecureString? ManagerPassword { get; set; }

        /// <summary>Time allowed for one attempt of one request (connect, send and read).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        /// <summary>
        /// Time allowed for one call as a whole: every attempt, backoff and Retry-After wait included. A call never runs
        /// longer; a wait that would end after it is not started. <see cref="WKCallDeadline"/> overrides it for one call.
        /// </summary>
        public TimeSpan Deadline { get; set; } = DefaultDeadline;

        /// <summary>The default <see cref="Deadline"/>: 60 seconds.</summary>
        public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The longest Retry-After the client waits for. A server that asks for more is never retried early: the call
        /// stops with a <see cref="WKRetryLaterException"/> that says when to retry.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How many times a failed attempt is retried (transport failures and HTTP 429/502/503/504 only).</summary>
        public int MaximumRetryCount { get; set; } = DefaultMaximumRetryCount;

        /// <summary>First backoff delay; it doubles per attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(DefaultRetryIntervalSeconds);

        /// <summary>Upper bound of one backoff delay (a server's Retry-After is bounded by <see cref="MaxRetryAfter"/> instead).</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Connections kept open to the server; bounds the parallelism of bulk operations.</summary>
        public int MaxConnectionsPerServer { get; set; } = 64;

        /// <summary>
        /// The one check of the three settings a session is made of (see the Default* constants): a positive timeout, a
        /// retry count and a first backoff delay that are not negative, both in seconds. Each error names the setting as the
        /// caller calls it (Connect-WKServer's -TimeoutSec, or this class's Timeout), so both report their own parameter.
        /// </summary>
        public static void ValidateRetrySettings(double timeoutSeconds, int maximumRetryCount, double retryDelaySeconds, string timeoutName, string retryCountName, string retryDelayName)
        {
            if (!(timeoutSeconds > 0))
            {
                throw new WKValidationException(timeoutName + " must be positive.", timeoutName);
            }
            if (maximumRetryCount < 0)
            {
                throw new WKValidationException(retryCountName + " cannot be negative.", retryCountName);
            }
            if (!(retryDelaySeconds >= 0))
            {
                throw new WKValidationException(retryDelayName + " cannot be negative.", retryDelayName);
            }
        }

        internal void Validate()
        {
            if (BaseUri is null)
            {
                throw new WKValidationException("A server address is required.", nameof(BaseUri));
            }
            if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttp && BaseUri.Scheme != Uri.UriSchemeHttps))
            {
                throw new WKValidationException("The server address must be an absolute http:// or https:// URI: " + BaseUri, nameof(BaseUri));
            }
            if (ManagerUserName != null && (string.IsNullOrWhiteSpace(ManagerUserName) || ManagerPassword == null || ManagerPassword.Length == 0))
            {
                // The server answers a blank user or password with 用户名不能为空 / 密码不能为空; say so before any request.
                throw new WKValidationException("A manager login needs a user name and a password.", nameof(ManagerUserName));
            }
            ValidateRetrySettings(Timeout.TotalSeconds, MaximumRetryCount, RetryBaseDelay.TotalSeconds, nameof(Timeout), nameof(MaximumRetryCount), nameof(RetryBaseDelay));
            if (Deadline <= TimeSpan.Zero)
            {
                throw new WKValidationException("The deadline must be positive.", nameof(Deadline));
            }
            if (MaxRetryAfter < TimeSpan.Zero)
            {
                throw new WKValidationException("The longest Retry-After wait cannot be negative.", nameof(MaxRetryAfter));
            }
            if (RetryMaxDelay < TimeSpan.Zero)
            {
                throw new WKValidationException("Retry delays cannot be negative.", nameof(RetryBaseDelay));
            }
            if (MaxConnectionsPerServer < 1)
            {
                throw new WKValidationException("At least one connection is required.", nameof(MaxConnectionsPerServer));
            }
        }
    }
}
