using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Control;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Core
{
    /// <summary>
    /// The request pipeline, in v2.2.5's order: emulator control routes (outside the API, behind the same token), request counting and fault
    /// injection, the manager-token check (401, empty body, no CORS; before the body is read), the body cap (413), CORS and OPTIONS (204), gin-style routing (404 text
    /// for unknown paths and wrong methods, trailing-slash redirects), then the handler under the state lock.
    /// </summary>
    public sealed class EmulatorApp
    {
        private readonly Router _router = new();
        private readonly Random _random = new();
        private readonly object _randomLock = new();

        /// <summary>An emulator with <paramref name="managerToken"/> (null: none required) and the bounds and cluster of <paramref name="options"/>.</summary>
        public EmulatorApp(string? managerToken, EmulatorOptions? options = null)
        {
            Options = options ?? new EmulatorOptions();
            ManagerToken = string.IsNullOrWhiteSpace(managerToken) ? null : managerToken;
            State = NewState();
            foreach (Type type in typeof(EmulatorApp).Assembly.GetTypes().Where(t => typeof(IRouteModule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                ((IRouteModule)Activator.CreateInstance(type)!).Map(_router);
            }
        }

        public string? ManagerToken { get; }

        public EmulatorOptions Options { get; }

        /// <summary>The node count, slots and manager accounts (kept across resets).</summary>
        public ClusterOptions Cluster => Options.Cluster;

        private EmulatorState NewState()
        {
            var state = new EmulatorState(ManagerToken)
            {
                MessageLimits = new MessageLimits(Options.MaxMessagesPerChannel, Options.MaxMessagesTotal),
            };
            state.InitCluster(Cluster);
            return state;
        }

        /// <summary>Replaced as a whole by POST /_emulator/reset.</summary>
        public EmulatorState State { get; private set; }

        public RequestStats Stats { get; } = new();

        public FaultSettings Faults { get; set; } = new();

        public void Reset()
        {
            State = NewState();
            Stats.Reset();
            Faults = new FaultSettings();
        }

        public Task HandleAsync(HttpContext context) => HandleAsync(context, ClusterOptions.FirstNodeId);

        /// <summary>Handles a request that reached node <paramref name="nodeId"/>'s listener; an offline node fails the connection.</summary>
        public async Task HandleAsync(HttpContext context, ulong nodeId)
        {
            // Injected latency counts from here, so reading the body is part of it rather than added to it.
            long arrived = System.Diagnostics.Stopwatch.GetTimestamp();
            if (!State.IsOnline(nodeId))
            {
                context.Abort();
                return;
            }
            string path = context.Request.Path.HasValue ? context.Request.Path.Value! : "/";
            string method = context.Request.Method.ToUpperInvariant();
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in context.Request.Query)
            {
                query[pair.Key] = pair.Value.Count > 0 ? pair.Value[0] ?? string.Empty : string.Empty;
            }
            string token = context.Request.Headers["token"].ToString();
            bool hasToken = context.Request.Headers.ContainsKey("token");

            if (path.StartsWith("/_emulator/", StringComparison.Ordinal) || path == "/_emulator")
            {
                // The control routes reset state and inject faults: with a token set, they need it like the API does.
                if (!Authorized(token, hasToken))
                {
                    await WriteAsync(context, ApiResult.Empty(401), cors: false).ConfigureAwait(false);
                    return;
                }
                byte[]? controlBody = await ReadBodyAsync(context).ConfigureAwait(false);
                if (controlBody == null)
                {
                    await WriteAsync(context, TooLarge(), cors: false).ConfigureAwait(false);
                    return;
                }
                ApiResult control = EmulatorControl.Handle(this, method, path, query, controlBody, nodeId);
                await WriteAsync(context, control, cors: false).ConfigureAwait(false);
                return;
            }

            Stats.Count(method, path);
            FaultSettings faults = Faults;
            FaultAction fault = FaultAction.None;
            if (faults.Applies(path))
            {
                if (faults.LatencyMs > 0)
                {
                    await PreciseDelay.DelayFrom(arrived, faults.LatencyMs, context.RequestAborted).ConfigureAwait(false);
                }
                fault = DrawFault(faults);
                if (fault == FaultAction.Error)
                {
                    if (faults.RetryAfterSec.HasValue)
                    {
                        context.Response.Headers["Retry-After"] = faults.RetryAfterSec.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    await WriteAsync(context, ApiResult.Text(faults.ErrorStatus, "emulated fault"), cors: true).ConfigureAwait(false);
                    return;
                }
                if (fault == FaultAction.DropBefore)
                {
                    context.Abort();
                    return;
                }
            }

            // The token is checked before a byte of the body is read: an unauthenticated request costs no buffer.
            if (!Authorized(token, hasToken))
            {
                await WriteAsync(context, ApiResult.Empty(401), cors: false).ConfigureAwait(false);
                return;
            }
            byte[]? body = await ReadBodyAsync(context).ConfigureAwait(false);
            if (body == null)
            {
                await WriteAsync(context, TooLarge(), cors: true).ConfigureAwait(false);
                return;
            }
            bool large = body.Length >= MemoryReclaimer.LargeBodyBytes;
            string authorization = context.Request.Headers.Authorization.ToString();
            ApiResult result = Dispatch(token, hasToken, method, path, query, body, out bool cors, nodeId, authorization);
            // The state machine of this method holds the body until it returns: let go of it before reclaiming.
            body = null;
            if (large)
            {
                MemoryReclaimer.AfterLargeRequest();
            }
            if (fault == FaultAction.DropAfter)
            {
                context.Abort();
                return;
            }
            await WriteAsync(context, result, cors).ConfigureAwait(false);
        }

        private bool Authorized(string token, bool hasToken) => ManagerToken == null || (hasToken && token == ManagerToken);

        private ApiResult TooLarge() => ApiResult.Text(413, "request body too large: the emulator accepts at most " +
            Options.MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes (--max-body-bytes)");

        /// <summary>Token check, CORS/OPTIONS, routing and the handler. Plain code so its order is easy to follow.</summary>
        public ApiResult Dispatch(string token, bool hasToken, string method, string path, IReadOnlyDictionary<string, string> query, byte[] body, out bool cors) =>
            Dispatch(token, hasToken, method, path, query, body, out cors, ClusterOptions.FirstNodeId, string.Empty);

        /// <summary>As above, on node <paramref name="nodeId"/>, with the request's Authorization header (the manager JWT, §11.1).</summary>
        public ApiResult Dispatch(string token, bool hasToken, string method, string path, IReadOnlyDictionary<string, string> query, byte[] body, out bool cors, ulong nodeId, string authorization)
        {
            cors = false;
            if (ManagerToken != null && (!hasToken || token != ManagerToken))
            {
                return ApiResult.Empty(401);
            }
            cors = true;
            if (method == "OPTIONS")
            {
                return ApiResult.Empty(204);
            }
            ApiHandler? handler = _router.Find(method, path, out Dictionary<string, string>? routeValues);
            if (handler == null)
            {
                if (_router.HasTrailingSlashTwin(method, path))
                {
                    return ApiResult.Empty(method == "GET" ? 301 : 307).WithLocation(path.TrimEnd('/'));
                }
                return ApiResult.RouteNotFound();
            }
            EmulatorState state = State;
            var request = new ApiRequest(method, path, query, body, state, routeValues) { Authorization = authorization };
            try
            {
                lock (state.Sync)
                {
                    state.NodeId = nodeId;
                    return handler(request);
                }
            }
            catch (EmulatedPanicException)
            {
                return ApiResult.Empty(500);
            }
        }

        private FaultAction DrawFault(FaultSettings faults)
        {
            if (faults.ErrorRate <= 0 && faults.DropRate <= 0)
            {
                return FaultAction.None;
            }
            double draw;
            lock (_randomLock)
            {
                draw = _random.NextDouble();
            }
            if (draw < faults.ErrorRate) return FaultAction.Error;
            if (draw < faults.ErrorRate + faults.DropRate) return faults.DropAfterProcessing ? FaultAction.DropAfter : FaultAction.DropBefore;
            return FaultAction.None;
        }

        /// <summary>
        /// The body, or null when it is larger than the cap. A declared length above the cap is refused unread; a declared
        /// length is read into one array of that size (no doubling buffers); a chunked body is read only up to the cap.
        /// </summary>
        private async Task<byte[]?> ReadBodyAsync(HttpContext context)
        {
            HttpRequest request = context.Request;
            long cap = Options.MaxRequestBodyBytes;
            long? declared = request.ContentLength;
            if (declared > cap)
            {
                return null;
            }
            try
            {
                if (declared.HasValue)
                {
                    var exact = new byte[declared.Value];
                    int filled = 0;
                    while (filled < exact.Length)
                    {
                        int n = await request.Body.ReadAsync(exact.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                        if (n == 0)
                        {
                            break;
                        }
                        filled += n;
                    }
                    return filled == exact.Length ? exact : exact.AsSpan(0, filled).ToArray();
                }
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                while (true)
                {
                    int n = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return buffer.ToArray();
                    }
                    if (buffer.Length + n > cap)
                    {
                        return null;
                    }
                    buffer.Write(chunk, 0, n);
                }
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }
        }

        private static async Task WriteAsync(HttpContext context, ApiResult result, bool cors)
        {
            HttpResponse response = context.Response;
            response.StatusCode = result.StatusCode;
            if (cors)
            {
                response.Headers["Access-Control-Allow-Origin"] = "*";
                response.Headers["Access-Control-Allow-Credentials"] = "true";
                response.Headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization, Content-Length, Accept-Encoding, X-CSRF-Token, token, accept, origin, Cache-Control, X-Requested-With, appid, noncestr, sign, timestamp";
                response.Headers["Access-Control-Allow-Methods"] = "POST, OPTIONS, GET, PUT,DELETE,PATCH";
            }
            if (result.Location != null)
            {
                response.Headers["Location"] = result.Location;
            }
            if (result.ContentType != null)
            {
                response.ContentType = result.ContentType;
            }
            if (result.Body.Length > 0)
            {
                response.ContentLength = result.Body.Length;
                await response.Body.WriteAsync(result.Body).ConfigureAwait(false);
            }
        }
    }
}
