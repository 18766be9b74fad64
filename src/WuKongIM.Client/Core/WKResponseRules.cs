using System;
using System.Text;
using System.Text.Json;

namespace WuKongIM.Client
{
    /// <summary>
    /// The response conventions of WuKongIM v2.2.5 (wukongim-api.md §1.4): what counts as success, and which typed error
    /// every other answer becomes. Error bodies are parsed whatever their Content-Type, because gin-bound handlers
    /// answer 400 as text/plain.
    /// </summary>
    public static class WKResponseRules
    {
        /// <summary>Throws <see cref="WKApiException"/> unless the answer is a success; returns the body otherwise.</summary>
        public static byte[] EnsureSuccess(string method, string pathAndQuery, WKResponse response)
        {
            int http = response.StatusCode;
            byte[] body = response.Body;
            switch (http)
            {
                case 200:
                    int? status = ReadEnvelopeStatus(body, out string? msg);
                    if (status.HasValue && status.Value != 200)
                    {
                        throw new WKApiException(status.Value == 404 ? WKErrorKind.NotFound : WKErrorKind.Rejected, method, pathAndQuery, http, status, msg);
                    }
                    return body;
                case 201:
                case 204:
                    return body;
                case 400:
                    int? bodyStatus = ReadEnvelopeStatus(body, out string? message);
                    WKErrorKind kind = bodyStatus == 403 ? WKErrorKind.PermissionDenied : WKErrorKind.BadRequest;
                    return Throw(kind, method, pathAndQuery, http, bodyStatus, message ?? TextOf(body));
                case 401:
                    return Throw(WKErrorKind.Unauthorized, method, pathAndQuery, http, null, null);
                case 403:
                    return Throw(WKErrorKind.PermissionDenied, method, pathAndQuery, http, null, TextOf(body));
                case 404:
                    // gin answers an unknown route (or a wrong method) with the text "404 page not found".
                    return Throw(WKErrorKind.NotSupported, method, pathAndQuery, http, null, null);
                case 429:
                    return ThrowRetryable(WKErrorKind.Throttled, method, pathAndQuery, response);
                case 502:
                case 503:
                case 504:
                    return ThrowRetryable(WKErrorKind.Unavailable, method, pathAndQuery, response);
                default:
                    if (http >= 300 && http < 400)
                    {
                        return Throw(WKErrorKind.InvalidResponse, method, pathAndQuery, http, null, "unexpected redirect (HTTP " + http + ")");
                    }
                    return Throw(WKErrorKind.ServerError, method, pathAndQuery, http, null, TextOf(body));
            }
        }

        /// <summary>A 429/5xx with a Retry-After the client did not wait for says when to retry.</summary>
        private static byte[] ThrowRetryable(WKErrorKind kind, string method, string path, WKResponse response)
        {
            string? text = TextOf(response.Body);
            if (response.RetryAfter.HasValue)
            {
                throw new WKRetryLaterException(kind, method, path, response.StatusCode, string.IsNullOrEmpty(text) ? null : text, response.RetryAfter.Value);
            }
            return Throw(kind, method, path, response.StatusCode, null, text);
        }

        private static byte[] Throw(WKErrorKind kind, string method, string path, int http, int? status, string? message) =>
            throw new WKApiException(kind, method, path, http, status, string.IsNullOrEmpty(message) ? null : message);

        /// <summary>
        /// Reads <c>status</c> (a number) and <c>msg</c> from a small envelope object such as <c>{"status":404}</c> or
        /// <c>{"msg":"...","status":400}</c>. Returns null for anything else (arrays, data objects, string statuses).
        /// </summary>
        internal static int? ReadEnvelopeStatus(byte[] body, out string? msg)
        {
            msg = null;
            // Envelopes are small; a data object is never mistaken for one because it has other keys.
            if (body.Length == 0 || body.Length > 4096)
            {
                return null;
            }
            try
            {
                var reader = new Utf8JsonReader(body);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }
                int? status = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString() ?? string.Empty;
                    if (!reader.Read())
                    {
                        return null;
                    }
                    if (name == "status" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int s))
                    {
                        status = s;
                    }
                    else if (name == "msg" && reader.TokenType == JsonTokenType.String)
                    {
                        msg = reader.GetString();
                    }
                    else if (name == "data")
                    {
                        reader.Skip();
                    }
                    else
                    {
                        return null;
                    }
                }
                return status;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? TextOf(byte[] body)
        {
            if (body.Length == 0)
            {
                return null;
            }
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)).Trim();
            return text.Length == 0 ? null : text;
        }
    }
}
