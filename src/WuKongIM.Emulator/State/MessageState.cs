using System;
using System.Collections.Generic;

namespace WuKongIM.Emulator.State
{
    /// <summary>A persisted message (§2.7, §4.5). Seqs are gap-free per stored channel id, starting at 1.</summary>
    public sealed class StoredMessage
    {
        public long MessageId { get; init; }
        public ulong MessageSeq { get; init; }
        public string ClientMsgNo { get; init; } = string.Empty;
        /// <summary>The raw sender; the system uid is stored as ____system and rendered as "".</summary>
        public string FromUid { get; init; } = string.Empty;
        public string ChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public int NoPersist { get; init; }
        public int RedDot { get; init; }
        public int SyncOnce { get; init; }
        public byte Setting { get; init; }
        public uint Expire { get; init; }
        public int Timestamp { get; init; }
        public string Topic { get; init; } = string.Empty;
        public byte[] Payload { get; init; } = Array.Empty<byte>();
    }

    public sealed partial class EmulatorState
    {
        /// <summary>Messages per (stored channel id, channel type), index i holds seq i+1.</summary>
        public Dictionary<(string Id, byte Type), List<StoredMessage>> Messages { get; } = new();

        public List<StoredMessage> MessagesOf(string storedId, byte type)
        {
            if (!Messages.TryGetValue((storedId, type), out List<StoredMessage>? list))
            {
                list = new List<StoredMessage>();
                Messages[(storedId, type)] = list;
            }
            return list;
        }

        /// <summary>The channel's last message seq (0 when it has none).</summary>
        public ulong LastMessageSeq(string storedId, byte type) => Messages.TryGetValue((storedId, type), out List<StoredMessage>? list) ? (ulong)list.Count : 0;
    }
}
