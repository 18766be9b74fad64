using System;
using System.Security.Cryptography;

namespace WuKongIM.Client
{
    /// <summary>New device tokens: 32 bytes from the operating system's cryptographic generator, URL-safe base64 (43 characters).</summary>
    public static class WKTokenGenerator
    {
        public const int ByteLength = 32;

        public static string NewToken()
        {
            byte[] bytes = new byte[ByteLength];
            using (RandomNumberGenerator rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }
            // URL-safe and unpadded, so the token survives CSV files, query strings and shell quoting unchanged.
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        /// <summary>What output shows instead of a token: nothing of the token itself, only whether there is one.</summary>
        public static string Mask(string? token) => string.IsNullOrEmpty(token) ? string.Empty : "********";
    }

    /// <summary>Time conversions for the /cluster API, which reports Unix nanoseconds.</summary>
    public static class WKUnixTime
    {
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static DateTimeOffset? FromUnixNano(long nanoseconds) => nanoseconds <= 0 ? (DateTimeOffset?)null : Epoch.AddTicks(nanoseconds / 100);

        public static long ToUnixNano(DateTimeOffset time) => (time.UtcTicks - Epoch.UtcTicks) * 100;
    }
}
