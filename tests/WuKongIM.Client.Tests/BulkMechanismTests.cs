using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class OrderedDispatcherTests
    {
        [Fact]
        public void Outcomes_come_back_in_input_order_each_exactly_once_with_failures_kept()
        {
            var random = new Random(7);
            int[] delays = Enumerable.Range(0, 200).Select(_ => random.Next(0, 5)).ToArray();
            using var dispatcher = new OrderedDispatcher<int, int>(8, async (i, ct) =>
            {
                await Task.Delay(delays[i], ct);
                if (i % 17 == 0) throw new InvalidOperationException("item " + i + " failed");
                return i * 2;
            }, CancellationToken.None);

            var outcomes = new List<DispatchOutcome<int, int>>();
            for (int i = 0; i < delays.Length; i++)
            {
                dispatcher.Post(i);
                outcomes.AddRange(dispatcher.TakeCompleted());
            }
            outcomes.AddRange(dispatcher.Drain());

            Assert.Equal(Enumerable.Range(0, 200), outcomes.Select(o => o.Input));
            Assert.All(outcomes.Where(o => o.Input % 17 == 0), o => Assert.Equal("item " + o.Input + " failed", o.Error!.Message));
            Assert.All(outcomes.Where(o => o.Input % 17 != 0), o => Assert.Equal(o.Input * 2, o.Result));
            Assert.Equal(0, dispatcher.Pending);
        }

        [Fact]
        public void No_more_than_the_throttle_limit_run_at_once_and_they_do_run_in_parallel()
        {
            int running = 0, peak = 0;
            using var dispatcher = new OrderedDispatcher<int, int>(4, async (i, ct) =>
            {
                int now = Interlocked.Increment(ref running);
                int seen;
                while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
                await Task.Delay(20, ct);
                Interlocked.Decrement(ref running);
                return i;
            }, CancellationToken.None);
            for (int i = 0; i < 40; i++) dispatcher.Post(i);
            Assert.Equal(40, dispatcher.Drain().Count());
            // Exactly the limit at the peak: never more, and the items really overlapped (speed is the bench's job).
            Assert.Equal(4, peak);
        }

        [Fact]
        public void Cancellation_turns_unfinished_items_into_failures_and_stops_waiting()
        {
            using var cts = new CancellationTokenSource();
            using var dispatcher = new OrderedDispatcher<int, int>(2, async (i, ct) =>
            {
                if (i >= 2) await Task.Delay(10000, ct);
                return i;
            }, cts.Token);
            dispatcher.Post(0);
            dispatcher.Post(1);
            dispatcher.Post(2);
            dispatcher.Post(3);
            cts.CancelAfter(100);
            var watch = Stopwatch.StartNew();
            List<DispatchOutcome<int, int>> outcomes = dispatcher.Drain().ToList();
            Assert.True(watch.ElapsedMilliseconds < 3000);
            Assert.True(outcomes[0].Succeeded && outcomes[1].Succeeded);
            Assert.All(outcomes.Skip(2), o => Assert.IsAssignableFrom<OperationCanceledException>(o.Error));
        }
    }

    public sealed class BulkProgressTests
    {
        private DateTimeOffset _now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public void Small_inputs_show_nothing_not_even_a_completed_record()
        {
            var progress = new BulkProgress("Adding subscribers", threshold: 1000, clock: () => _now);
            for (int i = 0; i < 999; i++)
            {
                _now = _now.AddMilliseconds(10);
                Assert.Null(progress.Advance(1));
            }
            Assert.Null(progress.Complete());
        }

        [Fact]
        public void Large_inputs_show_count_rate_percent_and_time_left_throttled_then_complete()
        {
            var progress = new BulkProgress("Adding subscribers", total: 10000, threshold: 1000, interval: TimeSpan.FromMilliseconds(250), clock: () => _now);
            var shown = new List<BulkProgressUpdate>();
            for (int i = 0; i < 100; i++)
            {
                _now = _now.AddMilliseconds(50);
                BulkProgressUpdate? update = progress.Advance(90, 10);
                if (update != null) shown.Add(update);
            }
            // 100 chunks over 5 s, visible from 1000 items on, at most one per 250 ms.
            Assert.InRange(shown.Count, 15, 19);
            BulkProgressUpdate first = shown[0];
            Assert.Equal(10, first.PercentComplete);
            Assert.Equal("1,000 of 10,000 done, 100 failed, 2,000/s", first.StatusDescription);
            Assert.Equal(5, first.SecondsRemaining);
            BulkProgressUpdate done = progress.Complete()!;
            Assert.True(done.Completed);
            Assert.Equal(100, done.PercentComplete);
        }

        [Fact]
        public void Unknown_totals_report_no_percent()
        {
            var progress = new BulkProgress("Sending", threshold: 1, clock: () => _now);
            _now = _now.AddSeconds(1);
            BulkProgressUpdate update = progress.Advance(5)!;
            Assert.Equal(-1, update.PercentComplete);
            Assert.Equal(-1, update.SecondsRemaining);
            Assert.Equal("5 done, 0 failed, 5/s", update.StatusDescription);
        }
    }
}
