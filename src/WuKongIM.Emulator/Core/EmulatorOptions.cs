using System;
using System.Globalization;

namespace WuKongIM.Emulator.Core
{
    /// <summary>
    /// How one emulator runs: the manager token, and the bounds that keep a long or hostile run from exhausting the
    /// machine (neither bound exists on a real v2.2.5 server, which has no body limit and keeps every message).
    /// </summary>
    public sealed class EmulatorOptions
    {
        /// <summary>The managerToken; null or blank means none is required (a default server).</summary>
        public string? ManagerToken { get; set; }

        /// <summary>Request bodies above this many bytes are answered 413 before they are buffered. Default 32 MiB.</summary>
        public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

        /// <summary>When above 0, each channel keeps at most this many messages; the oldest are dropped first.</summary>
        public int MaxMessagesPerChannel { get; set; }

        /// <summary>When above 0, the whole store keeps at most this many messages; the oldest are dropped first.</summary>
        public long MaxMessagesTotal { get; set; }

        /// <summary>The node count, slots and manager accounts (--nodes, --manager-user); one node by default.</summary>
        public WuKongIM.Emulator.Cluster.ClusterOptions Cluster { get; set; } = new WuKongIM.Emulator.Cluster.ClusterOptions();

        public void Validate()
        {
            if (MaxRequestBodyBytes < 1) throw new ArgumentException("the body cap must be at least 1 byte");
            if (MaxMessagesPerChannel < 0) throw new ArgumentException("the per-channel message cap cannot be negative");
            if (MaxMessagesTotal < 0) throw new ArgumentException("the total message cap cannot be negative");
        }

        /// <summary>Reads a byte count such as 1048576, 64KB, 32MB or 1GB (binary multiples).</summary>
        public static long ParseSize(string text)
        {
            string t = text.Trim().ToUpperInvariant();
            long multiplier = 1;
            foreach (var (suffix, factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
            {
                if (t.EndsWith(suffix, StringComparison.Ordinal))
                {
                    multiplier = factor;
                    t = t.Substring(0, t.Length - suffix.Length).Trim();
                    break;
                }
            }
            if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1 || n > long.MaxValue / multiplier)
            {
                throw new ArgumentException("not a size: " + text + " (use bytes, or a number with KB, MB or GB)");
            }
            return n * multiplier;
        }
    }
}
