using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Core
{
    /// <summary>One request as a handler sees it: method, path, query (first value of each key), raw body and the state.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(string method, string path, IReadOnlyDictionary<string, string> query, byte[] body, EmulatorState state, IReadOnlyDictionary<string, string>? routeValues = null)
        {
            Method = method;
            Path = path;
            Query = query;
            Body = body;
            State = state;
            RouteValues = routeValues ?? new Dictionary<string, string>();
        }

        public string Method { get; }
        public string Path { get; }
        public IReadOnlyDictionary<string, string> Query { get; }
        public byte[] Body { get; }
        public EmulatorState State { get; }
        public IReadOnlyDictionary<string, string> RouteValues { get; }

        /// <summary>The Authorization header as sent (a manager JWT as <c>Bearer …</c>), or empty.</summary>
        public string Authorization { get; init; } = string.Empty;

        public string QueryString(string name) => Query.TryGetValue(name, out string? v) ? v.Trim() : string.Empty;

        /// <summary>Lenient number parsing as in wkutil.ParseInt: anything unparsable is 0.</summary>
        public long QueryInt(string name) => long.TryParse(QueryString(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : 0;

        public ulong QueryUInt(string name) => ulong.TryParse(QueryString(name), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : 0;

        /// <summary>wkutil.ParseUint8: unparsable is 0, values above 255 become 255.</summary>
        public byte QueryUInt8(string name)
        {
            if (!ulong.TryParse(QueryString(name), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return 0;
            return v > 255 ? (byte)255 : (byte)v;
        }

        /// <summary>Decoder A: reads the body into the struct, or throws <see cref="GoJsonException"/> with Go's text.</summary>
        public GoObject Decode(GoStruct type) => GoBinder.Decode(Body, type);

        /// <summary>
        /// Decodes the body, or builds the handler's error answer the way that endpoint reports a bad body (§1.2): Go's raw
        /// text, the fixed 数据格式有误！, or the fixed text with the raw one appended. Gin-bound handlers lose the JSON type.
        /// </summary>
        public bool TryDecode(GoStruct type, DecodeFailure failure, out GoObject body, [NotNullWhen(false)] out ApiResult? error, bool ginBound = false)
        {
            try
            {
                body = GoBinder.Decode(Body, type);
                error = null;
                return true;
            }
            catch (GoJsonException ex)
            {
                body = new GoObject();
                string msg = failure switch
                {
                    DecodeFailure.FixedText => BadFormat,
                    DecodeFailure.PrefixedText => BadFormat + ": " + ex.Message,
                    _ => ex.Message,
                };
                error = ApiResult.Err(msg, ginBound);
                return false;
            }
        }

        /// <summary>The fixed text several handlers answer for a body they cannot decode.</summary>
        public const string BadFormat = "数据格式有误！";
    }

    /// <summary>Which of the three error texts of §1.2 a handler answers for a body it cannot decode.</summary>
    public enum DecodeFailure { RawText, FixedText, PrefixedText }

    public delegate ApiResult ApiHandler(ApiRequest request);

    /// <summary>An area of the API registers its routes here; found by reflection so areas never edit a shared list.</summary>
    public interface IRouteModule
    {
        void Map(Router router);
    }

    /// <summary>A handler panicked (a v2.2.5 crash the emulator reproduces): HTTP 500 with an empty body.</summary>
    public sealed class EmulatedPanicException : Exception
    {
        public EmulatedPanicException(string reason) : base(reason) { }
    }
}
