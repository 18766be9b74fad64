using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Emulator.Control
{
    /// <summary>
    /// The injected latency of /_emulator/faults, accurate to well under a millisecond. Task.Delay wakes only on the
    /// operating system's timer tick (4 ms on many Linux kernels), so Task.Delay(5) lasts 8 ms and "5 ms of latency" would
    /// be a lie. One background thread sleeps while the next deadline is far and, in the last few milliseconds, yields the
    /// processor until the deadline instead of sleeping past it. The thread exists only once latency was asked for.
    /// </summary>
    public static class PreciseDelay
    {
        private static readonly object Sync = new object();
        private static readonly PriorityQueue<TaskCompletionSource, long> Due = new PriorityQueue<TaskCompletionSource, long>();
        private static readonly AutoResetEvent Wake = new AutoResetEvent(false);
        private static Thread? _thread;

        public static Task Delay(int milliseconds, CancellationToken cancellationToken)
        {
            if (milliseconds <= 0)
            {
                return Task.CompletedTask;
            }
            long due = Stopwatch.GetTimestamp() + (milliseconds * Stopwatch.Frequency / 1000);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (cancellationToken.CanBeCanceled)
            {
                CancellationTokenRegistration registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
                done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            lock (Sync)
            {
                Due.Enqueue(done, due);
                if (_thread == null)
                {
                    _thread = new Thread(Loop) { IsBackground = true, Name = "emulator latency" };
                    _thread.Start();
                }
            }
            Wake.Set();
            return done.Task;
        }

        private static void Loop()
        {
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                long next = long.MaxValue;
                lock (Sync)
                {
                    while (Due.TryPeek(out TaskCompletionSource? done, out long due) && due <= now)
                    {
                        Due.Dequeue();
                        done.TrySetResult();
                    }
                    if (Due.TryPeek(out _, out long first))
                    {
                        next = first;
                    }
                }
                if (next == long.MaxValue)
                {
                    Wake.WaitOne();
                    continue;
                }
                double left = (next - now) * 1000.0 / Stopwatch.Frequency;
                if (left > 10)
                {
                    // Far enough to sleep: wake up early enough that a late timer tick cannot overshoot the deadline.
                    Wake.WaitOne(TimeSpan.FromMilliseconds(left - 9));
                }
                else
                {
                    Thread.Yield();
                }
            }
        }
    }
}
