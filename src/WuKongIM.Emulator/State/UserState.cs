using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;

namespace WuKongIM.Emulator.State
{
    /// <summary>A user record: created by the first /user/token for the uid (wukongim-api.md §4.1, §11.3).</summary>
    public sealed class UserRecord
    {
        public string Uid { get; init; } = string.Empty;
        public long CreatedAtNs { get; init; }
        public long UpdatedAtNs { get; set; }
    }

    /// <summary>A device record: one per (uid, device_flag); the token is stored verbatim and blanked by device quit.</summary>
    public sealed class DeviceRecord
    {
        public long Id { get; init; }
        public string Uid { get; init; } = string.Empty;
        public byte DeviceFlag { get; init; }
        public byte DeviceLevel { get; set; }
        public string Token { get; set; } = string.Empty;
        /// <summary>Kept across token refreshes.</summary>
        public long CreatedAtNs { get; init; }
        public long UpdatedAtNs { get; set; }
        /// <summary>When /user/token (again) or /user/device_quit last rewrote the record; null if only created.</summary>
        public DateTimeOffset? RefreshedAt { get; set; }
    }

    public sealed partial class EmulatorState
    {
        private long _lastUnixNano;

        public Dictionary<string, UserRecord> Users { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Uid, byte Flag), DeviceRecord> Devices { get; } = new();

        /// <summary>The persistent system uids (GET /user/systemuids), without the built-in ____system.</summary>
        public HashSet<string> SystemUids { get; } = new(StringComparer.Ordinal);

        /// <summary>This node's in-memory system uid cache (the _to_cache/_from_cache routes touch only this).</summary>
        public HashSet<string> SystemUidCache { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> PluginNumbers { get; } = new(StringComparer.Ordinal);

        /// <summary>The current time in Unix nanoseconds, strictly increasing so keyset paging on created_at never ties.</summary>
        public long NextUnixNano()
        {
            long now = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
            _lastUnixNano = Math.Max(now, _lastUnixNano + 1);
            return _lastUnixNano;
        }

        public IEnumerable<DeviceRecord> DevicesOf(string uid) => Devices.Values.Where(d => d.Uid == uid);

        /// <summary>Server-local <c>YYYY-MM-DD HH:MM</c>, as the /cluster API formats times.</summary>
        public static string FormatLocal(long unixNano) =>
            unixNano <= 0 ? string.Empty : DateTimeOffset.FromUnixTimeMilliseconds(unixNano / 1_000_000).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        /// <summary>System uids as GET /user/systemuids orders them: by FNV-1a-64 of the uid.</summary>
        public List<string> SystemUidsInStoreOrder() => SystemUids.OrderBy(Hashes.Fnv1a64).ThenBy(u => u, StringComparer.Ordinal).ToList();
    }
}
