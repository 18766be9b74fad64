using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>The HS256 JWT that /manager/login issues (claims <c>username</c> and <c>exp</c>), and its check.</summary>
    public static class ManagerJwt
    {
        public static string Issue(byte[] secret, string username, DateTimeOffset expires)
        {
            string header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
            string claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { username, exp = expires.ToUnixTimeSeconds() }));
            string signed = header + "." + claims;
            return signed + "." + Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signed)));
        }

        /// <summary>
        /// The username of a valid, unexpired token from <c>Authorization: Bearer …</c>, else null. Port 5001 ignores a bad
        /// token (no 401): the request then simply has no user (§1.3).
        /// </summary>
        public static string? Username(byte[] secret, string authorization, DateTimeOffset now)
        {
            string token = authorization.Trim();
            if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                token = token.Substring(7).Trim();
            }
            string[] parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }
            try
            {
                byte[] expected = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
                if (!CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2])))
                {
                    return null;
                }
                using JsonDocument claims = JsonDocument.Parse(FromBase64Url(parts[1]));
                if (!claims.RootElement.TryGetProperty("exp", out JsonElement exp) || exp.GetInt64() <= now.ToUnixTimeSeconds())
                {
                    return null;
                }
                return claims.RootElement.TryGetProperty("username", out JsonElement name) ? name.GetString() : null;
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static byte[] FromBase64Url(string text)
        {
            string b64 = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '='));
        }
    }
}
