using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary><c>GET /health</c>: <c>{"status":"ok"}</c>, or on HTTP 500 <c>{"status":"error","message":...}</c>.</summary>
    public sealed class WKHealth
    {
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("message")] public string? Message { get; set; }
    }

    /// <summary>Server variables from <c>GET /varz</c>.</summary>
    public sealed class WKServerStatus
    {
        [JsonPropertyName("server_id")] public string ServerId { get; set; } = string.Empty;
        [JsonPropertyName("server_name")] public string ServerName { get; set; } = string.Empty;
        [JsonPropertyName("version")] public string Version { get; set; } = string.Empty;
        [JsonPropertyName("connections")] public int Connections { get; set; }
        [JsonPropertyName("user_handler_count")] public int UserHandlerCount { get; set; }
        [JsonPropertyName("user_handler_conn_count")] public int UserHandlerConnCount { get; set; }
        /// <summary>The server's text for <see cref="Uptime"/>, e.g. <c>1d2h3m4s</c>.</summary>
        [JsonPropertyName("uptime")] public string UptimeText { get; set; } = string.Empty;
        [JsonPropertyName("goroutine")] public int Goroutines { get; set; }
        [JsonPropertyName("mem")] public long MemoryBytes { get; set; }
        [JsonPropertyName("cpu")] public double Cpu { get; set; }
        [JsonPropertyName("in_msgs")] public long InMsgs { get; set; }
        [JsonPropertyName("out_msgs")] public long OutMsgs { get; set; }
        [JsonPropertyName("in_bytes")] public long InBytes { get; set; }
        [JsonPropertyName("out_bytes")] public long OutBytes { get; set; }
        [JsonPropertyName("slow_clients")] public long SlowClients { get; set; }
        [JsonPropertyName("retry_queue")] public long RetryQueue { get; set; }
        [JsonPropertyName("tcp_addr")] public string TcpAddr { get; set; } = string.Empty;
        [JsonPropertyName("ws_addr")] public string WsAddr { get; set; } = string.Empty;
        [JsonPropertyName("wss_addr")] public string WssAddr { get; set; } = string.Empty;
        [JsonPropertyName("manager_addr")] public string ManagerAddr { get; set; } = string.Empty;
        [JsonPropertyName("manager_on")] public int ManagerOnValue { get; set; }
        [JsonPropertyName("commit")] public string Commit { get; set; } = string.Empty;
        [JsonPropertyName("commit_date")] public string CommitDate { get; set; } = string.Empty;
        [JsonPropertyName("tree_state")] public string TreeState { get; set; } = string.Empty;
        [JsonPropertyName("api_url")] public string ApiUrl { get; set; } = string.Empty;
        [JsonPropertyName("manager_uid")] public string ManagerUid { get; set; } = string.Empty;
        [JsonPropertyName("manager_token_on")] public int ManagerTokenOnValue { get; set; }
        [JsonPropertyName("conns")] public WKList<WKConnection>? Conns { get; set; }
        [JsonPropertyName("conversation_cache_count")] public int ConversationCacheCount { get; set; }

        /// <summary>How long the server process has run; null when the server's text cannot be read.</summary>
        [JsonIgnore] public TimeSpan? Uptime => WKDuration.Parse(UptimeText);
        [JsonIgnore] public bool ManagerOn => ManagerOnValue == 1;
        [JsonIgnore] public bool ManagerTokenOn => ManagerTokenOnValue == 1;

        /// <summary>The node that answered, as a number (<see cref="ServerId"/> is its decimal text); 0 when unreadable.</summary>
        [JsonIgnore]
        public ulong NodeId => ulong.TryParse(ServerId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong id) ? id : 0;

        public override string ToString() => ServerName + " " + Version + " (" + ServerId + ")";
    }

    /// <summary>Switches from <c>GET /varz/setting</c>.</summary>
    public sealed class WKServerSetting
    {
        [JsonPropertyName("logger")] public WKLoggerSetting Logger { get; set; } = new WKLoggerSetting();
        [JsonPropertyName("prometheus_on")] public int PrometheusOnValue { get; set; }
        [JsonPropertyName("stress_on")] public int StressOnValue { get; set; }

        [JsonIgnore] public bool TraceOn => Logger.TraceOn == 1;
        [JsonIgnore] public bool LokiOn => Logger.LokiOn == 1;
        [JsonIgnore] public bool PrometheusOn => PrometheusOnValue == 1;
        [JsonIgnore] public bool StressOn => StressOnValue == 1;
    }

    public sealed class WKLoggerSetting
    {
        [JsonPropertyName("trace_on")] public int TraceOn { get; set; }
        [JsonPropertyName("loki_on")] public int LokiOn { get; set; }

        public override string ToString() => "TraceOn=" + TraceOn.ToString(System.Globalization.CultureInfo.InvariantCulture) + " LokiOn=" + LokiOn.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary><c>GET /migrate/result</c>. A server that never migrates reports <c>running</c> with no step.</summary>
    public sealed class WKMigrationStatus
    {
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("step")] public string Step { get; set; } = string.Empty;
        [JsonPropertyName("last_err")] public JsonElement LastErrorValue { get; set; }
        [JsonPropertyName("try_count")] public int TryCount { get; set; }

        /// <summary>True when the server recorded an error. Its text is not available: v2.2.5 serialises it as <c>{}</c>.</summary>
        [JsonIgnore] public bool HasError => LastErrorValue.ValueKind != JsonValueKind.Undefined && LastErrorValue.ValueKind != JsonValueKind.Null;
    }

    /// <summary>Gateway addresses from <c>GET /route</c> or <c>POST /route/batch</c> (the same for every uid in v2.2.5).</summary>
    public sealed class WKRoute
    {
        [JsonPropertyName("tcp_addr")] public string TcpAddr { get; set; } = string.Empty;
        [JsonPropertyName("ws_addr")] public string WsAddr { get; set; } = string.Empty;
        [JsonPropertyName("wss_addr")] public string WssAddr { get; set; } = string.Empty;
        [JsonPropertyName("uids")] public WKList<string>? Uids { get; set; }

        /// <summary>The uid this row answers for, when the route was asked for specific uids.</summary>
        [JsonIgnore] public string? Uid { get; set; }
        [JsonIgnore] public bool Intranet { get; set; }
    }

    /// <summary>What <see cref="ServerApi.TestAsync"/> found out about a server.</summary>
    public sealed class WKServerTestResult
    {
        public Uri Uri { get; set; } = new Uri("http://localhost/");
        public bool Reachable { get; set; }
        public bool Healthy { get; set; }
        public string? HealthStatus { get; set; }
        /// <summary>True when the server refuses requests without a manager token; null when that could not be determined.</summary>
        public bool? ManagerTokenRequired { get; set; }
        /// <summary>True when the session's token (or its absence) is accepted.</summary>
        public bool TokenAccepted { get; set; }
        public string? Version { get; set; }
        public string? ServerId { get; set; }
        public double ResponseTimeMs { get; set; }
        public string Message { get; set; } = string.Empty;

        /// <summary>Why the server could not be reached: ConnectionFailed or Timeout; null when it answered.</summary>
        public WKErrorKind? FailureKind { get; set; }

        private WKApiException? _failure;

        /// <summary>The transport failure behind an unreachable server, to report as it is (a method, so it is no column of a table or CSV).</summary>
        public WKApiException? GetFailure() => _failure;

        internal void SetFailure(WKApiException failure)
        {
            _failure = failure;
            FailureKind = failure.Kind;
            Message = failure.Message;
        }
    }
}
