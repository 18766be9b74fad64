using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.PowerShell;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>The cache behind live tab completion: fresh names are not asked again, and a Tab never waits past the budget.</summary>
    public sealed class NameCacheTests
    {
        private DateTimeOffset _now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private WKNameCache NewCache(TimeSpan budget) => new WKNameCache(TimeSpan.FromSeconds(30), budget, () => _now);

        [Fact]
        public void Loads_once_while_the_names_are_fresh_and_again_once_they_are_stale()
        {
            WKNameCache cache = NewCache(TimeSpan.FromSeconds(5));
            int loads = 0;
            Func<CancellationToken, Task<IReadOnlyList<string>>> load = _ => { loads++; return Task.FromResult<IReadOnlyList<string>>(new[] { "alice", "bob" }); };

            Assert.Equal(new[] { "alice", "bob" }, cache.Get("k", load));
            _now = _now.AddSeconds(29);
            Assert.Equal(new[] { "alice", "bob" }, cache.Get("k", load));
            Assert.Equal(1, loads);

            _now = _now.AddSeconds(2);
            SpinUntilIdle(cache, "k", load);
            Assert.Equal(2, loads);
        }

        [Fact]
        public void A_slow_load_returns_nothing_at_once_and_fills_the_cache_for_the_next_tab()
        {
            WKNameCache cache = NewCache(TimeSpan.FromMilliseconds(50));
            var release = new TaskCompletionSource<IReadOnlyList<string>>();
            int loads = 0;
            using var started = new ManualResetEventSlim();
            Func<CancellationToken, Task<IReadOnlyList<string>>> load = _ => { Interlocked.Increment(ref loads); started.Set(); return release.Task; };

            Assert.Empty(cache.Get("k", load));
            // The load may start on another thread: wait for it (a bound, not a timing assertion) before the second Tab.
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
            Assert.Empty(cache.Get("k", load));
            Assert.Equal(1, Volatile.Read(ref loads)); // the second Tab joins the load under way instead of starting another

            release.SetResult(new[] { "carol" });
            Assert.Equal(new[] { "carol" }, SpinUntilIdle(cache, "k", load));
            Assert.Equal(1, Volatile.Read(ref loads));
        }

        [Fact]
        public void A_failed_load_offers_the_names_known_before()
        {
            WKNameCache cache = NewCache(TimeSpan.FromSeconds(5));
            cache.Get("k", _ => Task.FromResult<IReadOnlyList<string>>(new[] { "dave" }));
            _now = _now.AddMinutes(1);

            IReadOnlyList<string> names = cache.Get("k", _ => Task.FromException<IReadOnlyList<string>>(new InvalidOperationException("down")));

            Assert.Equal(new[] { "dave" }, names);
        }

        [Fact]
        public void Keys_are_separate()
        {
            WKNameCache cache = NewCache(TimeSpan.FromSeconds(5));
            cache.Get("users", _ => Task.FromResult<IReadOnlyList<string>>(new[] { "erin" }));

            Assert.Equal(new[] { "g1" }, cache.Get("channels", _ => Task.FromResult<IReadOnlyList<string>>(new[] { "g1" })));
        }

        // The continuation that stores a load runs on the thread pool: ask until it has landed.
        private static IReadOnlyList<string> SpinUntilIdle(WKNameCache cache, string key, Func<CancellationToken, Task<IReadOnlyList<string>>> load)
        {
            IReadOnlyList<string> names = cache.Get(key, load);
            // Waits for the background load to land, up to a generous bound so a loaded machine cannot fail it.
            for (int i = 0; i < 3000 && names.Count == 0; i++)
            {
                Thread.Sleep(10);
                names = cache.Get(key, load);
            }
            return names;
        }
    }
}
