using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Emulator.Control;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>
    /// The latency fault's timer: never shorter than asked, every waiter released, cancellation honoured. How little CPU it
    /// uses and how close to the deadline it wakes are measured by the bench (emulator_cpu_per_wall_at_latency,
    /// send_parallel_efficiency), not here.
    /// </summary>
    public sealed class PreciseDelayTests
    {
        [Fact]
        public async Task A_delay_never_ends_before_its_latency_and_many_overlapping_ones_all_end()
        {
            var watch = Stopwatch.StartNew();
            await PreciseDelay.Delay(15, CancellationToken.None);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(15), watch.Elapsed.TotalMilliseconds + " ms");

            // Later deadlines queued behind an earlier one, and an earlier one behind later ones.
            Task[] waits = Enumerable.Range(0, 50).Select(i => PreciseDelay.Delay(1 + (i % 7), CancellationToken.None)).Concat(new[] { PreciseDelay.Delay(1, CancellationToken.None) }).ToArray();
            await Task.WhenAll(waits);
        }

        [Fact]
        public async Task A_cancelled_delay_ends_cancelled_and_one_whose_time_has_passed_ends_at_once()
        {
            using var cancel = new CancellationTokenSource();
            Task pending = PreciseDelay.Delay(600_000, cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

            Assert.True(PreciseDelay.DelayFrom(Stopwatch.GetTimestamp() - Stopwatch.Frequency, 20, CancellationToken.None).IsCompleted);
        }
    }
}
