using System;

namespace WuKongIM.Emulator.State
{
    /// <summary>
    /// Everything the emulated server remembers. One lock guards it: handlers are short and in-memory, and one lock keeps
    /// cross-area rules (a send checks channel flags and updates conversations) simple and correct. Areas add their own
    /// stores in partial files next to their routes.
    /// </summary>
    public sealed partial class EmulatorState
    {
        public EmulatorState(string? managerToken)
        {
            ManagerToken = string.IsNullOrWhiteSpace(managerToken) ? null : managerToken;
            StartedAt = DateTimeOffset.UtcNow;
            InitCluster(new Cluster.ClusterOptions());
        }

        public object Sync { get; } = new object();

        /// <summary>The configured managerToken; null means no token is required (a default server).</summary>
        public string? ManagerToken { get; }

        public DateTimeOffset StartedAt { get; }

        public int SlotCount => Cluster.SlotCount;

        private long _lastId = 1_900_000_000_000_000_000;

        /// <summary>A monotonic 63-bit id (message ids, store keys), snowflake-sized so clients meet ids above 2^53.</summary>
        public long NextId() => ++_lastId;
    }
}
