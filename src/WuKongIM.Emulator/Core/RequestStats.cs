using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace WuKongIM.Emulator.Core
{
    /// <summary>Counts API requests per "METHOD /path", so tests and benchmarks can prove how many requests a bulk run cost.</summary>
    public sealed class RequestStats
    {
        private readonly ConcurrentDictionary<string, long> _counts = new();
        private long _total;

        public void Count(string method, string path)
        {
            _counts.AddOrUpdate(method + " " + path, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _total);
        }

        public long Total => Interlocked.Read(ref _total);

        public SortedDictionary<string, long> Snapshot() => new(_counts.ToDictionary(p => p.Key, p => p.Value));

        public void Reset()
        {
            _counts.Clear();
            Interlocked.Exchange(ref _total, 0);
        }
    }
}
