using System;
using System.Collections.Generic;

namespace WuKongIM.Emulator.State
{
    /// <summary>An allowlist member: GET /channel/whitelist shows its creation and update times (§3.6).</summary>
    public sealed class AllowlistMember
    {
        public string Uid { get; init; } = string.Empty;
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    /// <summary>The stored denylist/allowlist counters of a (channel_id, channel_type), kept apart from the channel record
    /// because v2.2.5 writes them even when no record exists (the "orphaned counter" of §11.4).</summary>
    public sealed class ListCounters
    {
        public long Denylist { get; set; }
        public long Allowlist { get; set; }
    }

    /// <summary>The Channels area's own stores: denylists, allowlists, temporary-channel subscribers and list counters.</summary>
    public sealed partial class EmulatorState
    {
        public Dictionary<(string Id, byte Type), HashSet<string>> Denylists { get; } = new();

        public Dictionary<(string Id, byte Type), Dictionary<string, AllowlistMember>> Allowlists { get; } = new();

        /// <summary>Receiver lists of temporary channels (type 8) set by /tmpchannel/subscriber_set, keyed by channel id.</summary>
        public Dictionary<string, List<string>> TempSubscribers { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Id, byte Type), ListCounters> ChannelListCounters { get; } = new();

        private long _lastListableCreatedTicks;

        public HashSet<string> DenylistOf(string id, byte type)
        {
            if (!Denylists.TryGetValue((id, type), out HashSet<string>? set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                Denylists[(id, type)] = set;
            }
            return set;
        }

        public Dictionary<string, AllowlistMember> AllowlistOf(string id, byte type)
        {
            if (!Allowlists.TryGetValue((id, type), out Dictionary<string, AllowlistMember>? list))
            {
                list = new Dictionary<string, AllowlistMember>(StringComparer.Ordinal);
                Allowlists[(id, type)] = list;
            }
            return list;
        }

        public ListCounters? FindListCounters(string id, byte type) => ChannelListCounters.TryGetValue((id, type), out ListCounters? c) ? c : null;

        /// <summary>Changes a stored counter and mirrors it onto the channel record, when there is one.</summary>
        public void UpdateListCounters(string id, byte type, Action<ListCounters> change)
        {
            if (!ChannelListCounters.TryGetValue((id, type), out ListCounters? counters))
            {
                counters = new ListCounters();
                ChannelListCounters[(id, type)] = counters;
            }
            change(counters);
            if (FindChannel(id, type) is ChannelRecord record)
            {
                record.DenylistCount = counters.Denylist;
                record.AllowlistCount = counters.Allowlist;
            }
        }

        /// <summary>
        /// Gives a channel that enters the creation-time index a creation time later than every other one, so keyset paging
        /// on created_at never meets two channels with the same time (the clock's resolution is coarser than a burst of writes).
        /// </summary>
        public void StampListableCreation(ChannelRecord record)
        {
            long ticks = Math.Max(record.CreatedAt.UtcTicks, _lastListableCreatedTicks + 1);
            _lastListableCreatedTicks = ticks;
            record.CreatedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }
}
