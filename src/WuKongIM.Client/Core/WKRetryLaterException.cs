using System;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>
    /// The server answered 429 or 502/503/504 with a Retry-After the client did not wait for: longer than
    /// <see cref="WKClientOptions.MaxRetryAfter"/>, past the call's deadline, or after the last retry. Nothing is
    /// retried early; <see cref="RetryAfter"/> and <see cref="RetryAt"/> say when the server will take the call again.
    /// </summary>
    [Serializable]
    public class WKRetryLaterException : WKApiException
    {
        public WKRetryLaterException(WKErrorKind kind, string method, string path, int httpStatus, string? serverMessage, TimeSpan retryAfter)
            : base(kind, method, path, httpStatus, null, serverMessage,
                  "the server asked to retry after " + retryAfter.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s, at " +
                  DateTimeOffset.UtcNow.Add(retryAfter).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC")
        {
            RetryAfter = retryAfter;
            RetryAt = DateTimeOffset.UtcNow.Add(retryAfter);
        }

        /// <summary>How long the server asked the client to wait.</summary>
        public TimeSpan RetryAfter { get; }

        /// <summary>The earliest time (UTC) to call again.</summary>
        public DateTimeOffset RetryAt { get; }
    }
}
