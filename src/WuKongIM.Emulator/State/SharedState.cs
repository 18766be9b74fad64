using System;
using System.Collections.Generic;

namespace WuKongIM.Emulator.State
{
    /// <summary>A channel record (wukongim-api.md §3.5, §4.3): flags stored as booleans, full overwrite on /channel and /channel/info.</summary>
    public sealed class ChannelRecord
    {
        public string ChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public bool Large { get; set; }
        public bool Ban { get; set; }
        public bool Disband { get; set; }
        public bool SendBan { get; set; }
        public bool AllowStranger { get; set; }
        /// <summary>True only when the record was first written by /channel or /channel/info: only those appear in /cluster/channels listings.</summary>
        public bool Listable { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        /// <summary>The stored denylist/allowlist counters, which drift from the real list length as in v2.2.5 (§11.4).</summary>
        public long DenylistCount { get; set; }
        public long AllowlistCount { get; set; }
    }

    /// <summary>A user's conversation with one stored channel id (§3.8, §4.6).</summary>
    public sealed class ConversationRecord
    {
        public string Uid { get; init; } = string.Empty;
        /// <summary>The stored id: the derived a@b id for person channels, <c>id____cmd</c> for command conversations.</summary>
        public string ChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public bool IsCommand { get; init; }
        public ulong ReadedToMsgSeq { get; set; }
        public ulong DeletedAtMsgSeq { get; set; }
        public long Id { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    public sealed partial class EmulatorState
    {
        /// <summary>Channel records keyed by (channel_id, channel_type). Person channels are keyed by the uid.</summary>
        public Dictionary<(string Id, byte Type), ChannelRecord> Channels { get; } = new();

        /// <summary>Subscribers per (channel_id, channel_type), in insertion order (lists are rendered in FNV order).</summary>
        public Dictionary<(string Id, byte Type), HashSet<string>> Subscribers { get; } = new();

        /// <summary>Conversations keyed by (uid, stored channel id, channel type).</summary>
        public Dictionary<(string Uid, string ChannelId, byte Type), ConversationRecord> Conversations { get; } = new();

        public ChannelRecord? FindChannel(string id, byte type) => Channels.TryGetValue((id, type), out ChannelRecord? c) ? c : null;

        /// <summary>Creates a bare record (all flags 0) when none exists; <paramref name="listable"/> marks creation by /channel or /channel/info.</summary>
        public ChannelRecord GetOrCreateChannel(string id, byte type, bool listable)
        {
            if (!Channels.TryGetValue((id, type), out ChannelRecord? record))
            {
                DateTimeOffset now = DateTimeOffset.UtcNow;
                record = new ChannelRecord { ChannelId = id, ChannelType = type, Listable = listable, CreatedAt = now, UpdatedAt = now };
                Channels[(id, type)] = record;
            }
            return record;
        }

        public HashSet<string> SubscribersOf(string id, byte type)
        {
            if (!Subscribers.TryGetValue((id, type), out HashSet<string>? set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                Subscribers[(id, type)] = set;
            }
            return set;
        }

        /// <summary>
        /// Creates a chat conversation if absent (read-up-to = <paramref name="readedTo"/>); an existing one is kept as it is.
        /// Live channels (type 9) never get conversations.
        /// </summary>
        public ConversationRecord? EnsureConversation(string uid, string storedChannelId, byte type, ulong readedTo)
        {
            if (type == 9)
            {
                return null;
            }
            var key = (uid, storedChannelId, type);
            if (!Conversations.TryGetValue(key, out ConversationRecord? conversation))
            {
                DateTimeOffset now = DateTimeOffset.UtcNow;
                conversation = new ConversationRecord { Uid = uid, ChannelId = storedChannelId, ChannelType = type, ReadedToMsgSeq = readedTo, Id = NextId(), CreatedAt = now, UpdatedAt = now, IsCommand = storedChannelId.EndsWith("____cmd", StringComparison.Ordinal) };
                Conversations[key] = conversation;
            }
            return conversation;
        }

        public bool RemoveConversation(string uid, string storedChannelId, byte type) => Conversations.Remove((uid, storedChannelId, type));
    }
}
