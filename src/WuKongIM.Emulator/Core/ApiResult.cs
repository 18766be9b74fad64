using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WuKongIM.Emulator.Core
{
    /// <summary>What a handler answers; the response shapes of wukongim-api.md §1.4.</summary>
    public sealed class ApiResult
    {
        private static readonly JsonSerializerOptions Json = new()
        {
            // Go's encoding/json writes non-ASCII text (the Chinese msg texts) as it is.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };

        private ApiResult(int statusCode, byte[] body, string? contentType)
        {
            StatusCode = statusCode;
            Body = body;
            ContentType = contentType;
        }

        public int StatusCode { get; }
        public string? Location { get; private set; }

        public ApiResult WithLocation(string location)
        {
            Location = location;
            return this;
        }

        public byte[] Body { get; }
        public string? ContentType { get; }

        public const string JsonType = "application/json; charset=utf-8";
        public const string TextType = "text/plain; charset=utf-8";

        /// <summary>OK: HTTP 200 <c>{"status":200}</c>.</summary>
        public static ApiResult Ok() => Bare(new { status = 200 });

        /// <summary>OK+data: HTTP 200 <c>{"status":200,"data":...}</c>.</summary>
        public static ApiResult OkData(object data) => Bare(new { status = 200, data });

        /// <summary>STATUS(n): HTTP 200 <c>{"status":n}</c>, e.g. 404 for "not found", 19 for a ban.</summary>
        public static ApiResult Status(int status) => Bare(new { status });

        /// <summary>ERR(msg): HTTP 400 <c>{"msg":...,"status":400}</c>. Gin-bound handlers (decoder B) lose the JSON content type.</summary>
        public static ApiResult Err(string msg, bool ginBound = false) =>
            new(400, JsonSerializer.SerializeToUtf8Bytes(new { msg, status = 400 }, Json), ginBound ? TextType : JsonType);

        /// <summary>A bare JSON value with HTTP 200 (or another status).</summary>
        public static ApiResult Bare(object? value, int statusCode = 200) =>
            new(statusCode, JsonSerializer.SerializeToUtf8Bytes(value, Json), JsonType);

        public static ApiResult Empty(int statusCode) => new(statusCode, System.Array.Empty<byte>(), null);

        public static ApiResult Text(int statusCode, string text) => new(statusCode, System.Text.Encoding.UTF8.GetBytes(text), TextType);

        /// <summary>gin's answer to an unknown path or a wrong method.</summary>
        public static ApiResult RouteNotFound() => Text(404, "404 page not found");
    }
}
