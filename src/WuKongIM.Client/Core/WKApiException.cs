using System;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>What kind of failure a <see cref="WKApiException"/> reports; the PowerShell layer maps it to an ErrorId and category.</summary>
    public enum WKErrorKind
    {
        /// <summary>HTTP 400 with <c>{"msg","status"}</c>: the server rejected the request.</summary>
        BadRequest,
        /// <summary>HTTP 401 with an empty body: the manager token is missing or wrong.</summary>
        Unauthorized,
        /// <summary>HTTP 400 whose body says status 403 (permission refused).</summary>
        PermissionDenied,
        /// <summary>HTTP 200 with <c>{"status":404}</c>: the looked-up object does not exist.</summary>
        NotFound,
        /// <summary>HTTP 404 with a text body: this server version has no such route.</summary>
        NotSupported,
        /// <summary>HTTP 200 with <c>{"status":n}</c> carrying a WuKongIM reason code (for example 19 ban, 24 disband).</summary>
        Rejected,
        /// <summary>HTTP 429: too many requests, still failing after the retries.</summary>
        Throttled,
        /// <summary>HTTP 502/503/504: still failing after the retries.</summary>
        Unavailable,
        /// <summary>HTTP 500 or another unexpected status.</summary>
        ServerError,
        /// <summary>A 2xx answer whose body could not be read as the endpoint's documented shape.</summary>
        InvalidResponse,
        /// <summary>The server could not be reached, or the connection broke before an answer arrived.</summary>
        ConnectionFailed,
        /// <summary>No answer arrived within the request timeout.</summary>
        Timeout,
    }

    /// <summary>
    /// A failed WuKongIM call. Carries the method, path, HTTP status, the server's body <c>status</c> and <c>msg</c>,
    /// never the manager token or the request body.
    /// </summary>
    [Serializable]
    public class WKApiException : Exception
    {
        public WKApiException(WKErrorKind kind, string method, string path, int? httpStatus, int? serverStatus, string? serverMessage, string? detail = null, Exception? inner = null)
            : base(BuildMessage(kind, method, path, httpStatus, serverStatus, serverMessage, detail), inner)
        {
            Kind = kind;
            Method = method;
            Path = path;
            HttpStatus = httpStatus;
            ServerStatus = serverStatus;
            ServerMessage = serverMessage;
        }

        /// <summary>A more specific failure that keeps the facts of <paramref name="cause"/> under a message of its own.</summary>
        protected WKApiException(string message, WKApiException cause)
            : base(message, cause)
        {
            Kind = cause.Kind;
            Method = cause.Method;
            Path = cause.Path;
            HttpStatus = cause.HttpStatus;
            ServerStatus = cause.ServerStatus;
            ServerMessage = cause.ServerMessage;
            MayHaveBeenProcessed = cause.MayHaveBeenProcessed;
        }

        public WKErrorKind Kind { get; }
        public string Method { get; }
        public string Path { get; }
        public int? HttpStatus { get; }
        public int? ServerStatus { get; }
        public string? ServerMessage { get; }

        /// <summary>
        /// True when the request may have reached the server and been acted on (a timeout or a broken connection after
        /// the request was sent). A non-idempotent call that fails this way must be checked before it is sent again.
        /// </summary>
        public bool MayHaveBeenProcessed { get; internal set; }

        private static string BuildMessage(WKErrorKind kind, string method, string path, int? httpStatus, int? serverStatus, string? serverMessage, string? detail)
        {
            string what = kind switch
            {
                WKErrorKind.BadRequest => "the server rejected the request",
                WKErrorKind.Unauthorized => "the manager token is missing or wrong (HTTP 401)",
                WKErrorKind.PermissionDenied => "permission refused",
                WKErrorKind.NotFound => "not found",
                WKErrorKind.NotSupported => "not supported by this server version (HTTP 404: the server has no such route)",
                WKErrorKind.Rejected => "the server refused it with reason code " + (serverStatus?.ToString(CultureInfo.InvariantCulture) ?? "?") + ReasonName(serverStatus),
                WKErrorKind.Throttled => "too many requests (HTTP 429)",
                WKErrorKind.Unavailable => "the server is unavailable (HTTP " + (httpStatus?.ToString(CultureInfo.InvariantCulture) ?? "?") + ")",
                WKErrorKind.ServerError => "the server failed (HTTP " + (httpStatus?.ToString(CultureInfo.InvariantCulture) ?? "?") + ")",
                WKErrorKind.InvalidResponse => "the server's answer could not be read",
                WKErrorKind.ConnectionFailed => "the server could not be reached",
                WKErrorKind.Timeout => "no answer within the timeout",
                _ => kind.ToString(),
            };
            string text = method + " " + path + ": " + what;
            if (!string.IsNullOrEmpty(serverMessage))
            {
                text += ": " + serverMessage;
            }
            if (!string.IsNullOrEmpty(detail))
            {
                text += " (" + detail + ")";
            }
            return text;
        }

        private static string ReasonName(int? code) => code switch
        {
            19 => " (Ban: the user or channel is banned)",
            24 => " (Disband: the channel is disbanded)",
            25 => " (SendBan)",
            _ => string.Empty,
        };
    }

    /// <summary>Input that the client refuses before sending anything (empty uid, special characters, ...).</summary>
    [Serializable]
    public class WKValidationException : ArgumentException
    {
        public WKValidationException(string message, string? paramName = null) : base(message, paramName) { }
    }
}
