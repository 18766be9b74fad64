using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Health, server variables, settings, migration state and gateway routes (wukongim-api.md §3.1, §3.2, §3.10).</summary>
    public sealed class ServerApi
    {
        private readonly WKClient _client;

        internal ServerApi(WKClient client) => _client = client;

        /// <summary><c>GET /health</c>. A server that is not ready answers HTTP 500, reported as <see cref="WKErrorKind.ServerError"/>.</summary>
        public Task<WKHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
            _client.GetAsync(new WKRequest("GET", "/health"), ServerJsonContext.Default.WKHealth, cancellationToken);

        /// <summary><c>GET /varz</c>, optionally with the node's authenticated connections (<c>show=conn</c>).</summary>
        public Task<WKServerStatus> GetStatusAsync(ulong? nodeId = null, bool includeConnections = false, int? connectionLimit = null, CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/varz");
            if (includeConnections)
            {
                request.AddQuery("show", "conn");
                request.AddQuery("conn_limit", connectionLimit);
            }
            if (nodeId.HasValue)
            {
                request.AddQuery("node_id", (long)nodeId.Value);
            }
            return _client.GetAsync(request, ServerJsonContext.Default.WKServerStatus, cancellationToken);
        }

        /// <summary><c>GET /varz/setting</c>.</summary>
        public Task<WKServerSetting> GetSettingAsync(CancellationToken cancellationToken = default) =>
            _client.GetAsync(new WKRequest("GET", "/varz/setting"), ServerJsonContext.Default.WKServerSetting, cancellationToken);

        /// <summary><c>GET /migrate/result</c>.</summary>
        public Task<WKMigrationStatus> GetMigrationStatusAsync(CancellationToken cancellationToken = default) =>
            _client.GetAsync(new WKRequest("GET", "/migrate/result"), ServerJsonContext.Default.WKMigrationStatus, cancellationToken);

        /// <summary><c>GET /route</c>: the gateway addresses clients connect to (external, or intranet when asked).</summary>
        public async Task<WKRoute> GetRouteAsync(bool intranet = false, CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/route");
            if (intranet)
            {
                request.AddQuery("intranet", "1");
            }
            WKRoute route = await _client.GetAsync(request, ServerJsonContext.Default.WKRoute, cancellationToken).ConfigureAwait(false);
            route.Intranet = intranet;
            return route;
        }

        /// <summary><c>POST /route/batch</c> for the given uids; returns one row per uid.</summary>
        public async Task<IReadOnlyList<WKRoute>> GetRoutesAsync(IReadOnlyCollection<string> uids, bool intranet = false, CancellationToken cancellationToken = default)
        {
            // Blank uids (and the other uids the server would refuse elsewhere) are never sent.
            List<string> checkedUids = WKInputRules.Uids(uids, "Uid");
            var request = new WKRequest("POST", "/route/batch")
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(checkedUids.ToArray(), ServerJsonContext.Default.StringArray),
            };
            if (intranet)
            {
                request.AddQuery("intranet", "1");
            }
            byte[] body = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            WKRoute[] groups = WKClient.Deserialize(request, body, ServerJsonContext.Default.WKRouteArray);
            var rows = new List<WKRoute>();
            foreach (WKRoute group in groups)
            {
                foreach (string uid in group.Uids ?? Array.Empty<string>())
                {
                    rows.Add(new WKRoute { Uid = uid, TcpAddr = group.TcpAddr, WsAddr = group.WsAddr, WssAddr = group.WssAddr, Intranet = intranet, Uids = new[] { uid } });
                }
            }
            return rows;
        }

        /// <summary>
        /// Checks a server: is it reachable, healthy, does it require a manager token, and is ours accepted.
        /// Never throws for server-side answers; a cancelled call still throws.
        /// </summary>
        public async Task<WKServerTestResult> TestAsync(CancellationToken cancellationToken = default)
        {
            var result = new WKServerTestResult { Uri = _client.BaseUri };
            var stopwatch = Stopwatch.StartNew();
            WKResponse withToken;
            try
            {
                withToken = await _client.Transport.SendAsync(new WKRequest("GET", "/health"), cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex)
            {
                result.Message = ex.Message;
                return result;
            }
            result.ResponseTimeMs = stopwatch.Elapsed.TotalMilliseconds;
            result.Reachable = true;

            // Without a token, a 401 proves the server requires one; with one configured, ask again without it.
            result.ManagerTokenRequired = withToken.StatusCode == 401;
            if (_client.Transport.HasManagerToken)
            {
                try
                {
                    WKResponse withoutToken = await _client.Transport.SendAsync(new WKRequest("GET", "/health") { SendManagerToken = false }, cancellationToken).ConfigureAwait(false);
                    result.ManagerTokenRequired = withoutToken.StatusCode == 401;
                }
                catch (WKApiException)
                {
                    // The check without the token failed in transit: whether the server requires one stays unknown.
                    result.ManagerTokenRequired = null;
                }
            }
            if (withToken.StatusCode == 401)
            {
                result.TokenAccepted = false;
                result.Message = _client.Transport.HasManagerToken
                    ? "The server refused the manager token (HTTP 401): it is wrong."
                    : "The server requires a manager token (HTTP 401): connect with -ManagerToken.";
                return result;
            }
            result.TokenAccepted = true;
            result.HealthStatus = ReadHealthStatus(withToken.Body);
            result.Healthy = withToken.StatusCode == 200 && result.HealthStatus == "ok";

            try
            {
                WKServerStatus status = await GetStatusAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                result.Version = status.Version;
                result.ServerId = status.ServerId;
            }
            catch (WKApiException ex) when (ex.Kind != WKErrorKind.Unauthorized)
            {
                // /varz is optional (HEAD servers removed it); health alone still answers the question.
            }
            result.Message = result.Healthy ? "OK" : "The server answered but is not healthy: " + (result.HealthStatus ?? ("HTTP " + withToken.StatusCode));
            return result;
        }

        private static string? ReadHealthStatus(byte[] body)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                string? status = doc.RootElement.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                string? message = doc.RootElement.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return message == null ? status : status + ": " + message;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
