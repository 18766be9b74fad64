using System;
using System.Diagnostics;
using System.Threading;

namespace WuKongIM.Bench
{
    /// <summary>Samples the process's working set and managed heap every few milliseconds and keeps the peaks.</summary>
    public sealed class MemorySampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public MemorySampler(int intervalMs = 5)
        {
            using Process self = Process.GetCurrentProcess();
            BaselineWorkingSet = self.WorkingSet64;
            BaselineHeap = GC.GetTotalMemory(false);
            PeakWorkingSet = BaselineWorkingSet;
            PeakHeap = BaselineHeap;
            BaselineHeapAfterGc = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
            _thread = new Thread(() => Loop(intervalMs)) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public long BaselineWorkingSet { get; }
        public long BaselineHeap { get; }
        public long PeakWorkingSet { get; private set; }
        public long BaselineHeapAfterGc { get; }
        public long PeakHeap { get; private set; }
        public int Samples { get; private set; }
        /// <summary>The largest heap size measured right after a garbage collection: live data, not garbage awaiting collection.</summary>
        public long PeakHeapAfterGc { get; private set; }
        public int Collections => GC.CollectionCount(0) - _startCollections;

        private readonly int _startCollections = GC.CollectionCount(0);

        private void Loop(int intervalMs)
        {
            using Process self = Process.GetCurrentProcess();
            while (!_stop)
            {
                self.Refresh();
                PeakWorkingSet = Math.Max(PeakWorkingSet, self.WorkingSet64);
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
                PeakHeapAfterGc = Math.Max(PeakHeapAfterGc, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                Samples++;
                Thread.Sleep(intervalMs);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
