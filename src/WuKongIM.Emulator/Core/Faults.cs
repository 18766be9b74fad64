using System;

namespace WuKongIM.Emulator.Core
{
    /// <summary>
    /// Fault injection for tests and benchmarks (set through POST /_emulator/faults): added latency, a rate of error
    /// answers, and a rate of dropped connections, either before the request is processed or after (the ambiguous case:
    /// the server acted but the client never hears of it).
    /// </summary>
    public sealed class FaultSettings
    {
        public int LatencyMs { get; set; }
        public double ErrorRate { get; set; }
        public int ErrorStatus { get; set; } = 503;
        public double DropRate { get; set; }
        public bool DropAfterProcessing { get; set; }
        /// <summary>When set, injected errors carry a Retry-After header with this many seconds.</summary>
        public int? RetryAfterSec { get; set; }
        /// <summary>Only requests whose path starts with this are affected; empty means all.</summary>
        public string PathPrefix { get; set; } = string.Empty;

        public bool Applies(string path) => PathPrefix.Length == 0 || path.StartsWith(PathPrefix, StringComparison.Ordinal);

        public void Validate()
        {
            if (LatencyMs < 0 || LatencyMs > 60000) throw new ArgumentException("latency_ms must be between 0 and 60000");
            if (ErrorRate < 0 || ErrorRate > 1 || DropRate < 0 || DropRate > 1 || ErrorRate + DropRate > 1) throw new ArgumentException("error_rate and drop_rate must be between 0 and 1 and add up to at most 1");
            if (ErrorStatus < 400 || ErrorStatus > 599) throw new ArgumentException("error_status must be a 4xx or 5xx status");
        }
    }

    public enum FaultAction { None, Error, DropBefore, DropAfter }
}
