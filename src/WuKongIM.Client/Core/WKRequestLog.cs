using System;
using System.Globalization;
using System.Threading;

namespace WuKongIM.Client
{
    /// <summary>One finished attempt of one request, as the verbose stream shows it. Holds no header and no body.</summary>
    public sealed class WKRequestLogEntry
    {
        public WKRequestLogEntry(string method, string path, int? statusCode, TimeSpan elapsed, long responseBytes, int attempt, string? failure)
        {
            Method = method;
            Path = path;
            StatusCode = statusCode;
            Elapsed = elapsed;
            ResponseBytes = responseBytes;
            Attempt = attempt;
            Failure = failure;
        }

        public string Method { get; }
        public string Path { get; }
        public int? StatusCode { get; }
        public TimeSpan Elapsed { get; }
        public long ResponseBytes { get; }
        public int Attempt { get; }
        public string? Failure { get; }

        /// <summary>For example <c>POST /user/token -> 200 in 12 ms (14 B)</c>.</summary>
        public override string ToString()
        {
            string outcome = StatusCode.HasValue ? StatusCode.Value.ToString(CultureInfo.InvariantCulture) : (Failure ?? "failed");
            string text = string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3} ms ({4} B)", Method, Path, outcome, (long)Elapsed.TotalMilliseconds, ResponseBytes);
            return Attempt > 1 ? text + string.Format(CultureInfo.InvariantCulture, " [attempt {0}]", Attempt) : text;
        }
    }

    /// <summary>
    /// Receives request log entries for the calls made inside a <see cref="WKRequestLog.BeginScope"/>. Entries arrive on
    /// thread-pool threads; a PowerShell cmdlet queues them and writes them from its pipeline thread.
    /// </summary>
    public interface IWKRequestLogSink
    {
        void Write(WKRequestLogEntry entry);
    }

    /// <summary>Per-call-chain logging, so one session shared by several runspaces does not mix their verbose output.</summary>
    public static class WKRequestLog
    {
        private static readonly AsyncLocal<IWKRequestLogSink?> Current = new AsyncLocal<IWKRequestLogSink?>();

        public static IDisposable BeginScope(IWKRequestLogSink sink)
        {
            IWKRequestLogSink? previous = Current.Value;
            Current.Value = sink;
            return new Scope(previous);
        }

        /// <summary>True when a sink listens on this call chain; the entry is only built then (a hot path otherwise).</summary>
        internal static bool IsEnabled => Current.Value != null;

        internal static void Write(WKRequestLogEntry entry) => Current.Value?.Write(entry);

        private sealed class Scope : IDisposable
        {
            private readonly IWKRequestLogSink? _previous;
            public Scope(IWKRequestLogSink? previous) => _previous = previous;
            public void Dispose() => Current.Value = _previous;
        }
    }
}
