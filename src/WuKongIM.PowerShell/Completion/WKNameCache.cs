using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Names read from the server for tab completion (uids, channel ids), kept for a while per session. A Tab never waits
    /// longer than the budget: a slow load goes on in the background and fills the cache for the next Tab, and meanwhile
    /// the last names known (or none) are offered. Plain code with an injectable clock, so the rules are tested without
    /// a host.
    /// </summary>
    internal sealed class WKNameCache
    {
        /// <summary>The cache the completers share: names stay fresh for 30 s, and a Tab waits at most 0.9 s.</summary>
        public static WKNameCache Shared { get; } = new WKNameCache(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(900), () => DateTimeOffset.UtcNow);

        // A load that outlives this is abandoned, so a dead server never keeps a request open for ever.
        private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(15);

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        private readonly TimeSpan _freshFor;
        private readonly TimeSpan _budget;
        private readonly Func<DateTimeOffset> _clock;

        public WKNameCache(TimeSpan freshFor, TimeSpan budget, Func<DateTimeOffset> clock)
        {
            _freshFor = freshFor;
            _budget = budget;
            _clock = clock;
        }

        /// <summary>
        /// The names under <paramref name="key"/>: from the cache while fresh, else from <paramref name="load"/> if it
        /// answers within the budget, else the stale names (or none) while the load goes on.
        /// </summary>
        public IReadOnlyList<string> Get(string key, Func<CancellationToken, Task<IReadOnlyList<string>>> load)
        {
            Entry entry = _entries.GetOrAdd(key, _ => new Entry());
            Task<IReadOnlyList<string>> pending;
            lock (entry)
            {
                if (entry.Names != null && _clock() - entry.LoadedAt < _freshFor)
                {
                    return entry.Names;
                }
                if (entry.Pending == null)
                {
                    entry.Pending = StartLoad(entry, load);
                }
                pending = entry.Pending;
            }
            try
            {
                if (pending.Wait(_budget))
                {
                    return pending.Result;
                }
            }
            catch (AggregateException)
            {
                // The server refused or failed: offer what was known before.
            }
            lock (entry)
            {
                return entry.Names ?? (IReadOnlyList<string>)Array.Empty<string>();
            }
        }

        /// <summary>Forgets every name (a test, or a user who wants the next Tab to ask the server again).</summary>
        public void Clear() => _entries.Clear();

        private Task<IReadOnlyList<string>> StartLoad(Entry entry, Func<CancellationToken, Task<IReadOnlyList<string>>> load)
        {
            // Names are as old as the moment they were asked for.
            DateTimeOffset asked = _clock();
            var limit = new CancellationTokenSource(LoadLimit);
            Task<IReadOnlyList<string>> task = Task.Run(() => load(limit.Token));
            task.ContinueWith(done =>
            {
                limit.Dispose();
                lock (entry)
                {
                    if (done.Status == TaskStatus.RanToCompletion)
                    {
                        entry.Names = done.Result;
                        entry.LoadedAt = asked;
                    }
                    entry.Pending = null;
                }
            }, TaskScheduler.Default);
            return task;
        }

        private sealed class Entry
        {
            public IReadOnlyList<string>? Names;
            public DateTimeOffset LoadedAt;
            public Task<IReadOnlyList<string>>? Pending;
        }
    }
}
