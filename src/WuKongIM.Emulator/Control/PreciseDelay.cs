using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Emulator.Control
{
    /// <summary>
    /// The injected latency of /_emulator/faults, accurate to a fraction of a millisecond without burning a core. Task.Delay
    /// runs on the runtime's timer queue (millisecond ticks, often late by one), so "5 ms of latency" would be 6. One
    /// background thread waits, interruptibly, until about a millisecond before the next deadline, then sleeps the rest
    /// with the operating system's high-resolution timer (nanosleep on Linux and macOS, a high-resolution waitable timer on
    /// Windows). It never spins: the emulator sits on the machine whose client is being measured. The thread exists only
    /// once latency was asked for.
    /// </summary>
    public static class PreciseDelay
    {
        private static readonly object Sync = new object();
        private static readonly PriorityQueue<TaskCompletionSource, long> Due = new PriorityQueue<TaskCompletionSource, long>();
        private static readonly AutoResetEvent Wake = new AutoResetEvent(false);
        private static Thread? _thread;

        public static Task Delay(int milliseconds, CancellationToken cancellationToken) => DelayFrom(Stopwatch.GetTimestamp(), milliseconds, cancellationToken);

        /// <summary>Completes <paramref name="milliseconds"/> after <paramref name="start"/> (a Stopwatch timestamp), at once if that has passed.</summary>
        public static Task DelayFrom(long start, int milliseconds, CancellationToken cancellationToken)
        {
            if (milliseconds <= 0)
            {
                return Task.CompletedTask;
            }
            long due = start + (milliseconds * Stopwatch.Frequency / 1000);
            if (due <= Stopwatch.GetTimestamp())
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (cancellationToken.CanBeCanceled)
            {
                CancellationTokenRegistration registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
                done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            bool earliest;
            lock (Sync)
            {
                earliest = !Due.TryPeek(out _, out long first) || due < first;
                Due.Enqueue(done, due);
                if (_thread == null)
                {
                    _thread = new Thread(Loop) { IsBackground = true, Name = "emulator latency" };
                    _thread.Start();
                }
            }
            // A later deadline than the one being waited for needs no wake-up (with one latency setting, that is every one).
            if (earliest)
            {
                Wake.Set();
            }
            return done.Task;
        }

        private static void Loop()
        {
            var sleeper = new HighResolutionSleep();
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
                long leftTicks = next - now;
                double leftMs = leftTicks * 1000.0 / Stopwatch.Frequency;
                if (leftMs >= 2)
                {
                    // Whole milliseconds, ending about one before the deadline; a new, earlier deadline interrupts the wait.
                    Wake.WaitOne((int)leftMs - 1);
                }
                else
                {
                    // The last stretch (under 2 ms) in one precise sleep that does not listen for new deadlines: a new one
                    // is a whole latency away, so only a latency of 1 ms can be late, by a fraction of a millisecond.
                    sleeper.Sleep(leftTicks);
                }
            }
        }

        /// <summary>One blocking sleep of a sub-millisecond duration, on the operating system's high-resolution timer.</summary>
        private sealed class HighResolutionSleep
        {
            private readonly IntPtr _windowsTimer;

            public HighResolutionSleep()
            {
                if (OperatingSystem.IsWindows())
                {
                    // CREATE_WAITABLE_TIMER_HIGH_RESOLUTION (Windows 10 1803 and later); null elsewhere, then Sleep(1) is used.
                    _windowsTimer = CreateWaitableTimerExW(IntPtr.Zero, IntPtr.Zero, 0x2, 0x1F0003);
                }
            }

            public void Sleep(long stopwatchTicks)
            {
                if (stopwatchTicks <= 0)
                {
                    return;
                }
                long nanoseconds = (long)(stopwatchTicks * (1_000_000_000.0 / Stopwatch.Frequency));
                if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
                {
                    var span = new TimeSpec { Seconds = (IntPtr)(nanoseconds / 1_000_000_000), Nanoseconds = (IntPtr)(nanoseconds % 1_000_000_000) };
                    // An interrupted sleep (EINTR) just returns early; the loop computes what is left and sleeps again.
                    _ = NanoSleep(ref span, IntPtr.Zero);
                    return;
                }
                if (_windowsTimer != IntPtr.Zero)
                {
                    long due = -(nanoseconds / 100); // relative, in 100 ns units
                    if (SetWaitableTimer(_windowsTimer, ref due, 0, IntPtr.Zero, IntPtr.Zero, false))
                    {
                        _ = WaitForSingleObject(_windowsTimer, 0xFFFFFFFF);
                        return;
                    }
                }
                Thread.Sleep(1);
            }

            [StructLayout(LayoutKind.Sequential)]
            private struct TimeSpec
            {
                public IntPtr Seconds;
                public IntPtr Nanoseconds;
            }

            [DllImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
            private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);

            [DllImport("kernel32.dll", SetLastError = true)]
            private static extern IntPtr CreateWaitableTimerExW(IntPtr attributes, IntPtr name, uint flags, uint access);

            [DllImport("kernel32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            private static extern bool SetWaitableTimer(IntPtr timer, ref long dueTime, int period, IntPtr completion, IntPtr argument, [MarshalAs(UnmanagedType.Bool)] bool resume);

            [DllImport("kernel32.dll", SetLastError = true)]
            private static extern uint WaitForSingleObject(IntPtr handle, uint milliseconds);
        }
    }
}
