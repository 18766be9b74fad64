using System;
using System.Globalization;
using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// The state of a manager login (<c>POST /manager/login</c>, §3.12): who, with which permissions, until when.
    /// It never carries the password or the JWT.
    /// </summary>
    public sealed class WKManagerLoginInfo
    {
        public WKManagerLoginInfo(string userName, string permissions, DateTimeOffset expiresAt, DateTimeOffset loggedInAt)
        {
            UserName = userName;
            Permissions = permissions;
            ExpiresAt = expiresAt;
            LoggedInAt = loggedInAt;
        }

        public string UserName { get; }
        /// <summary>As the server grants them, for example <c>*:r</c> or <c>*:rw</c>.</summary>
        public string Permissions { get; }
        public DateTimeOffset ExpiresAt { get; }
        public DateTimeOffset LoggedInAt { get; }

        public override string ToString() => UserName + " (" + Permissions + ") until " + ExpiresAt.ToString("u", CultureInfo.InvariantCulture);
    }

    /// <summary>The manager login failed: wrong user name or password, or a server that refused the login.</summary>
    [Serializable]
    public sealed class WKManagerLoginException : WKApiException
    {
        public WKManagerLoginException(string userName, WKApiException inner)
            : base(inner.Kind, inner.Method, inner.Path, inner.HttpStatus, inner.ServerStatus, inner.ServerMessage, "manager login of '" + userName + "' failed", inner)
        {
            UserName = userName;
        }

        public string UserName { get; }
    }

    /// <summary>A topology action needs a manager login (Connect-WKServer -Credential), and the session has none.</summary>
    [Serializable]
    public sealed class WKManagerLoginRequiredException : WKValidationException
    {
        public WKManagerLoginRequiredException(string action)
            : base(action + " needs a manager login with the 'w' permission: connect with -Credential (a user from the server's auth.users). Nothing was sent.", "Credential")
        {
        }
    }

    internal sealed class ManagerLoginBody
    {
        [JsonPropertyName("username")] public string UserName { get; set; } = string.Empty;
        [JsonPropertyName("password")] public string Password { get; set; } = string.Empty;
    }

    internal sealed class ManagerLoginAnswer
    {
        [JsonPropertyName("username")] public string UserName { get; set; } = string.Empty;
        [JsonPropertyName("token")] public string Token { get; set; } = string.Empty;
        [JsonPropertyName("exp")] public long Exp { get; set; }
        [JsonPropertyName("permissions")] public string Permissions { get; set; } = string.Empty;
    }

    /// <summary>
    /// Keeps a manager login: the password and the JWT as read-only SecureStrings, the JWT's expiry, and logs in again
    /// when the JWT is missing or about to expire. The JWT is revealed only into the Authorization header of a request
    /// being sent. Thread-safe: concurrent callers share one login.
    /// </summary>
    internal sealed class WKManagerAuthenticator : IDisposable
    {
        /// <summary>A JWT this close to its expiry is renewed before use, so it never expires in flight.</summary>
        internal static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

        private readonly SecureString _password;
        private readonly SemaphoreSlim _lock = new SemaphoreSlim(1, 1);
        private SecureString? _jwt;

        public WKManagerAuthenticator(string userName, SecureString password)
        {
            UserName = userName;
            _password = password.Copy();
            _password.MakeReadOnly();
        }

        public string UserName { get; }
        public WKManagerLoginInfo? Current { get; private set; }
        /// <summary>How many logins were made (the first and every renewal).</summary>
        public int LoginCount { get; private set; }
        /// <summary>The clock used for expiry; tests move it forward.</summary>
        internal Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Logs in now, replacing any JWT held.</summary>
        public async Task<WKManagerLoginInfo> LoginAsync(WKTransport transport, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await LoginLockedAsync(transport, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }
        }

        /// <summary>The JWT to send, logging in first when there is none, it is about to expire, or <paramref name="renew"/> asks for a fresh one.</summary>
        internal async Task<string> GetJwtAsync(WKTransport transport, bool renew, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (renew || _jwt == null || Current == null || Clock() >= Current.ExpiresAt - RenewBefore)
                {
                    await LoginLockedAsync(transport, cancellationToken).ConfigureAwait(false);
                }
                return WKTransport.Reveal(_jwt!);
            }
            finally
            {
                _lock.Release();
            }
        }

        private async Task<WKManagerLoginInfo> LoginLockedAsync(WKTransport transport, CancellationToken cancellationToken)
        {
            var request = new WKRequest("POST", "/manager/login") { SendManagerJwt = false, Idempotent = true };
            var body = new ManagerLoginBody { UserName = UserName, Password = WKTransport.Reveal(_password) };
            request.Body = JsonSerializer.SerializeToUtf8Bytes(body, ClusterJsonContext.Default.ManagerLoginBody);
            body.Password = string.Empty;
            WKResponse response;
            try
            {
                response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The serialized password lives only as long as the request.
                Array.Clear(request.Body, 0, request.Body.Length);
            }
            byte[] answerBody;
            try
            {
                answerBody = WKResponseRules.EnsureSuccess(request.Method, request.PathAndQuery, response);
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.BadRequest || ex.Kind == WKErrorKind.PermissionDenied || ex.Kind == WKErrorKind.NotSupported)
            {
                throw new WKManagerLoginException(UserName, ex);
            }
            ManagerLoginAnswer answer = WKClient.Deserialize(request, answerBody, ClusterJsonContext.Default.ManagerLoginAnswer);
            if (string.IsNullOrEmpty(answer.Token))
            {
                throw new WKApiException(WKErrorKind.InvalidResponse, request.Method, request.PathAndQuery, response.StatusCode, null, null, "the login answer has no token");
            }
            var jwt = new SecureString();
            foreach (char c in answer.Token)
            {
                jwt.AppendChar(c);
            }
            jwt.MakeReadOnly();
            answer.Token = string.Empty;
            _jwt?.Dispose();
            _jwt = jwt;
            DateTimeOffset now = Clock();
            Current = new WKManagerLoginInfo(string.IsNullOrEmpty(answer.UserName) ? UserName : answer.UserName, answer.Permissions,
                answer.Exp > 0 ? DateTimeOffset.FromUnixTimeSeconds(answer.Exp) : now.AddDays(30), now);
            LoginCount++;
            return Current;
        }

        public override string ToString() => "manager login " + UserName;

        public void Dispose()
        {
            _password.Dispose();
            _jwt?.Dispose();
            _lock.Dispose();
        }
    }
}
