using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WuKongIM.Client
{
    /// <summary>
    /// Builds message payloads (text, an object as JSON, raw bytes, or standard base64) and decodes them for display.
    /// Every check runs before a request is sent.
    /// </summary>
    public static class WKPayload
    {
        /// <summary>
        /// The client's payload limit. The server has none on the HTTP path, but payloads travel base64-encoded in one JSON
        /// body and every recipient's device downloads them, so anything above 1 MiB is almost certainly a mistake.
        /// </summary>
        public const int DefaultMaxBytes = 1024 * 1024;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        public static byte[] FromText(string text)
        {
            if (text == null || text.Length == 0)
            {
                throw new WKValidationException("The message text is empty; the server refuses an empty payload (payload不能为空！).", "Text");
            }
            return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>An object serialised as JSON (hashtables, arrays, primitives); a string is taken as JSON text only if it parses.</summary>
        public static byte[] FromObject(object? value)
        {
            if (value == null)
            {
                throw new WKValidationException("The payload object is null; the server refuses an empty payload (payload不能为空！).", "Payload");
            }
            if (value is string s)
            {
                try
                {
                    using (JsonDocument.Parse(s))
                    {
                    }
                }
                catch (JsonException ex)
                {
                    throw new WKValidationException("The payload string is not JSON (" + ex.Message + "); use -Text for plain text, or pass an object to serialise.", "Payload");
                }
            }
            return WKJsonValue.ToBody(value);
        }

        /// <summary>
        /// Standard-alphabet, '=' padded base64 as the server requires (line breaks are ignored, as Go does). The error
        /// names the first bad position, like the server's <c>illegal base64 data at input byte N</c>.
        /// </summary>
        public static byte[] FromBase64(string base64)
        {
            if (string.IsNullOrEmpty(base64))
            {
                throw new WKValidationException("The base64 payload is empty; the server refuses an empty payload (payload不能为空！).", "PayloadBase64");
            }
            int significant = 0;
            int padding = 0;
            for (int i = 0; i < base64.Length; i++)
            {
                char c = base64[i];
                if (c == '\r' || c == '\n')
                {
                    continue;
                }
                bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
                if (c == '=')
                {
                    padding++;
                }
                else if (!alphabet || padding > 0)
                {
                    throw InvalidBase64(i, c == '-' || c == '_' ? " (URL-safe base64 is not accepted; use the standard alphabet with + and /)" : string.Empty);
                }
                significant++;
            }
            if (significant % 4 != 0 || padding > 2)
            {
                throw InvalidBase64(base64.Length, " (the length is not a multiple of 4: standard base64 needs '=' padding)");
            }
            byte[] bytes = Convert.FromBase64String(base64.Replace("\r", string.Empty).Replace("\n", string.Empty));
            if (bytes.Length == 0)
            {
                throw new WKValidationException("The base64 payload decodes to no bytes; the server refuses an empty payload (payload不能为空！).", "PayloadBase64");
            }
            return bytes;
        }

        private static WKValidationException InvalidBase64(int index, string hint) =>
            new WKValidationException("The payload is not valid base64: illegal base64 data at input byte " + index.ToString(CultureInfo.InvariantCulture) + hint + ".", "PayloadBase64");

        /// <summary>
        /// Exactly one of the four payload forms; the others must be null. Throws <see cref="WKValidationException"/> when
        /// none or several are given, or the chosen one is empty.
        /// </summary>
        public static byte[] FromOneOf(string? text, object? payload, byte[]? bytes, string? base64)
        {
            int given = (text != null ? 1 : 0) + (payload != null ? 1 : 0) + (bytes != null ? 1 : 0) + (base64 != null ? 1 : 0);
            if (given == 0)
            {
                throw new WKValidationException("A payload is required: give -Text, -Payload, -PayloadBytes or -PayloadBase64.");
            }
            if (given > 1)
            {
                throw new WKValidationException("Give only one of -Text, -Payload, -PayloadBytes and -PayloadBase64.");
            }
            if (text != null) return FromText(text);
            if (payload != null) return FromObject(payload);
            if (bytes != null)
            {
                if (bytes.Length == 0)
                {
                    throw new WKValidationException("The payload bytes are empty; the server refuses an empty payload (payload不能为空！).", "PayloadBytes");
                }
                return bytes;
            }
            return FromBase64(base64!);
        }

        /// <summary>
        /// The raw JSON payload of a stream event: <paramref name="text"/> becomes {"kind":"text","delta":...} for
        /// stream.delta and {"kind":"text","text":...} for stream.snapshot; an object is serialised; a string must be JSON.
        /// Null when neither is given (events without a payload are valid).
        /// </summary>
        public static string? EventPayloadJson(string eventType, string? text, object? payload)
        {
            if (text != null && payload != null)
            {
                throw new WKValidationException("Give either -Text or -Payload, not both.");
            }
            if (text != null)
            {
                string type = (eventType ?? string.Empty).Trim().ToLowerInvariant();
                string member = type switch
                {
                    "stream.delta" => "delta",
                    "stream.snapshot" => "text",
                    _ => throw new WKValidationException("-Text builds the payload of stream.delta and stream.snapshot events only; give -Payload for " + type + ".", "Text"),
                };
                var map = new System.Collections.Specialized.OrderedDictionary { ["kind"] = "text", [member] = text };
                return Encoding.UTF8.GetString(WKJsonValue.ToBody(map));
            }
            if (payload == null)
            {
                return null;
            }
            return Encoding.UTF8.GetString(FromObject(payload));
        }

        /// <summary>Refuses an empty payload and one above <paramref name="maxBytes"/>.</summary>
        public static void CheckSize(byte[]? payload, int maxBytes)
        {
            if (payload == null || payload.Length == 0)
            {
                throw new WKValidationException("The payload is empty; the server refuses it (payload不能为空！).", "Payload");
            }
            if (payload.Length > maxBytes)
            {
                throw new WKValidationException(string.Format(CultureInfo.InvariantCulture,
                    "The payload is {0:N0} bytes, above the client's limit of {1:N0} bytes. The server sets no limit on the HTTP path, but every recipient downloads the payload; raise MessagesApi.MaxPayloadBytes if you really mean it.",
                    payload.Length, maxBytes), "Payload");
            }
        }

        /// <summary>UTF-8 text without control characters other than tab, CR and LF; null otherwise.</summary>
        public static string? TryDecodeText(byte[] bytes)
        {
            if (bytes.Length == 0)
            {
                return string.Empty;
            }
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (ArgumentException)
            {
                return null;
            }
            foreach (char c in text)
            {
                if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
                {
                    return null;
                }
            }
            return text;
        }

        /// <summary>
        /// True when <see cref="TryDecodeText"/> would return text, checked on the bytes without making a string: in UTF-8
        /// every control character is a single byte below 0x80, and only non-ASCII input needs the strict decoder's check.
        /// </summary>
        public static bool IsText(byte[] bytes)
        {
            bool ascii = true;
            foreach (byte b in bytes)
            {
                if ((b < 0x20 && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') || b == 0x7F)
                {
                    return false;
                }
                if (b >= 0x80)
                {
                    ascii = false;
                }
            }
            if (ascii)
            {
                return true;
            }
            try
            {
                StrictUtf8.GetCharCount(bytes);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <summary>A JSON object or array as ordered dictionaries and arrays; null for anything else.</summary>
        public static object? TryParseJsonContainer(string text)
        {
            string trimmed = text.TrimStart();
            if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
            {
                return null;
            }
            try
            {
                using JsonDocument doc = JsonDocument.Parse(text);
                return WKJsonValue.Convert(doc.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Line breaks and tabs become spaces; longer text is cut with "...".</summary>
        public static string OneLine(string text, int max)
        {
            var sb = new StringBuilder(Math.Min(text.Length, max + 3));
            foreach (char c in text)
            {
                if (sb.Length >= max)
                {
                    sb.Append("...");
                    break;
                }
                sb.Append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
            }
            return sb.ToString();
        }
    }
}
