using System;
using System.Runtime;

namespace WuKongIM.Emulator.Core
{
    /// <summary>
    /// Gives the memory of large request bodies back to the system. Bodies of many megabytes land on the large object
    /// heap, which the server GC keeps committed after the arrays die: eight 50 MB requests left the emulator 500 MB
    /// larger for good. After a request whose body reached <see cref="LargeBodyBytes"/>, one compacting, decommitting
    /// collection runs (serialised, so concurrent large requests do not stack collections on top of each other).
    /// </summary>
    public static class MemoryReclaimer
    {
        /// <summary>Bodies from this size on trigger a reclaim; smaller ones are left to the normal GC.</summary>
        public const int LargeBodyBytes = 4 * 1024 * 1024;

        private static readonly object Gate = new object();

        public static void AfterLargeRequest()
        {
            lock (Gate)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }
}
