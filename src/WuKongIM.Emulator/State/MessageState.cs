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

    /// <summary>The optional bounds on stored messages (0 = unbounded); not part of WuKongIM, which keeps every message.</summary>
    public sealed class MessageLimits
    {
        public MessageLimits(int perChannel, long total)
        {
            PerChannel = perChannel;
            Total = total;
        }

        public static MessageLimits None { get; } = new MessageLimits(0, 0);

        public int PerChannel { get; }
        public long Total { get; }
    }

    public sealed partial class EmulatorState
    {
        public MessageLimits MessageLimits { get; init; } = MessageLimits.None;

        /// <summary>
        /// Messages per (stored channel id, channel type), oldest first. Index i holds seq <see cref="FirstMessageSeq"/> + i:
        /// seq i+1 unless <see cref="MessageLimits"/> dropped the channel's oldest messages.
        /// </summary>
        public Dictionary<(string Id, byte Type), List<StoredMessage>> Messages { get; } = new();

        /// <summary>How many of each channel's oldest messages the limits dropped (absent: none).</summary>
        private readonly Dictionary<(string Id, byte Type), ulong> _droppedMessages = new();

        /// <summary>Every message's channel and seq in persist order, kept only under a total limit (the oldest is at the front).</summary>
        private readonly Queue<(string Id, byte Type, ulong Seq)> _persistOrder = new();

        private long _storedMessageCount;

        /// <summary>The seq of the channel's oldest kept message (1 unless the limits dropped messages).</summary>
        public ulong FirstMessageSeq(string storedId, byte type) => DroppedMessages(storedId, type) + 1;

        private ulong DroppedMessages(string storedId, byte type) => _droppedMessages.TryGetValue((storedId, type), out ulong n) ? n : 0;

        /// <summary>Counts a newly kept message and drops the oldest ones the limits no longer allow.</summary>
        private void EnforceMessageLimits(StoredMessage added, List<StoredMessage> list)
        {
            string storedId = added.ChannelId;
            byte type = added.ChannelType;
            _storedMessageCount++;
            if (MessageLimits.Total > 0)
            {
                _persistOrder.Enqueue((storedId, type, added.MessageSeq));
            }
            if (MessageLimits.PerChannel > 0)
            {
                int excess = list.Count - MessageLimits.PerChannel;
                if (excess > 0)
                {
                    DropOldest((storedId, type), list, excess);
                }
            }
            while (MessageLimits.Total > 0 && _storedMessageCount > MessageLimits.Total && _persistOrder.Count > 0)
            {
                var (id, t, seq) = _persistOrder.Dequeue();
                // An entry whose message a per-channel limit already dropped is stale; otherwise it is the channel's oldest.
                if (seq >= FirstMessageSeq(id, t) && Messages.TryGetValue((id, t), out List<StoredMessage>? oldest) && oldest.Count > 0)
                {
                    DropOldest((id, t), oldest, 1);
                }
            }
        }

        private void DropOldest((string Id, byte Type) key, List<StoredMessage> list, int count)
        {
            for (int i = 0; i < count; i++)
            {
                MessagesById.Remove(list[i].MessageId);
            }
            list.RemoveRange(0, count);
            _droppedMessages[key] = DroppedMessages(key.Id, key.Type) + (ulong)count;
            _storedMessageCount -= count;
        }

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
        public ulong LastMessageSeq(string storedId, byte type) =>
            Messages.TryGetValue((storedId, type), out List<StoredMessage>? list) ? DroppedMessages(storedId, type) + (ulong)list.Count : 0;
    }
}
