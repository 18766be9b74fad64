using System;
using System.Collections.Generic;

namespace WuKongIM.Emulator.State
{
    /// <summary>What a send asks the store to persist (§3.7); the store assigns the seq and the timestamp.</summary>
    public sealed class MessageDraft
    {
        public long MessageId { get; init; }
        public string StoredChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public string FromUid { get; init; } = string.Empty;
        public string ClientMsgNo { get; init; } = string.Empty;
        public int NoPersist { get; init; }
        public int RedDot { get; init; }
        public int SyncOnce { get; init; }
        public byte Setting { get; init; }
        public uint Expire { get; init; }
        public byte[] Payload { get; init; } = Array.Empty<byte>();
        /// <summary>Who receives the message (the server's receiver tag), used for conversation updates of command channels.</summary>
        public IReadOnlyCollection<string> Receivers { get; init; } = Array.Empty<string>();
    }

    /// <summary>
    /// The message store beyond the shared per-channel lists: the global message-id index, channels whose cluster
    /// configuration exists ("activated"), and the per-uid records of /message/sync for /message/syncack.
    /// Persisting is synchronous here; a real server persists asynchronously, milliseconds after /message/send returned.
    /// </summary>
    public sealed partial class EmulatorState
    {
        public const string SystemUid = "____system";
        public const string CommandSuffix = "____cmd";
        public const string OnlineCommandChannel = "systemcmdonline";

        /// <summary>Every stored message by id (/message and /messages look ids up across the whole store).</summary>
        public Dictionary<long, StoredMessage> MessagesById { get; } = new();

        /// <summary>
        /// (stored channel id, type) pairs whose cluster configuration exists. A never-activated channel makes
        /// /channel/max_message_seq answer ERR(not found) and /channel/last_message ERR(获取频道所在节点失败！).
        /// </summary>
        public HashSet<(string Id, byte Type)> ActivatedChannels { get; } = new();

        /// <summary>What the last /message/sync returned per uid: (stored channel, type) → last seq, consumed by /message/syncack.</summary>
        public Dictionary<string, List<(string ChannelId, byte Type, ulong LastSeq)>> CommandSyncRecords { get; } = new(StringComparer.Ordinal);

        public bool IsActivated(string storedId, byte type) =>
            ActivatedChannels.Contains((storedId, type)) || Messages.ContainsKey((storedId, type)) || Subscribers.ContainsKey((storedId, type));

        public void Activate(string storedId, byte type) => ActivatedChannels.Add((storedId, type));

        /// <summary>
        /// Persists a message: the next gap-free seq of its stored channel, the timestamp in seconds, and the conversation
        /// rules of v2.2.5's conversation manager (§3.8). Returns null when the message is not stored: no_persist, or the
        /// stored channel's record is banned or disbanded (the REST call still succeeded).
        /// </summary>
        public StoredMessage? PersistMessage(MessageDraft draft)
        {
            if (draft.NoPersist == 1)
            {
                return null;
            }
            ChannelRecord? record = FindChannel(draft.StoredChannelId, draft.ChannelType);
            if (record != null && (record.Ban || record.Disband))
            {
                return null;
            }
            List<StoredMessage> list = MessagesOf(draft.StoredChannelId, draft.ChannelType);
            var message = new StoredMessage
            {
                MessageId = draft.MessageId,
                MessageSeq = LastMessageSeq(draft.StoredChannelId, draft.ChannelType) + 1,
                ClientMsgNo = draft.ClientMsgNo,
                FromUid = draft.FromUid,
                ChannelId = draft.StoredChannelId,
                ChannelType = draft.ChannelType,
                NoPersist = draft.NoPersist,
                RedDot = draft.RedDot,
                SyncOnce = draft.SyncOnce,
                Setting = draft.Setting,
                Expire = draft.Expire,
                Timestamp = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                Payload = draft.Payload,
            };
            list.Add(message);
            MessagesById[message.MessageId] = message;
            EnforceMessageLimits(message, list);
            Activate(draft.StoredChannelId, draft.ChannelType);
            UpdateConversationsFor(message, draft.Receivers);
            return message;
        }

        /// <summary>
        /// v2.2.5 only touches conversations for command channels (every message), and for person and customer-service
        /// channels on their first message; group messages leave conversations alone (subscriber_add created them).
        /// Existing conversations are never changed ("add if not exist"); the sender's read-up-to is its own message.
        /// </summary>
        private void UpdateConversationsFor(StoredMessage message, IReadOnlyCollection<string> receivers)
        {
            if (message.ChannelType == 9)
            {
                return;
            }
            bool command = message.ChannelId.EndsWith(CommandSuffix, StringComparison.Ordinal);
            bool firstOfPrivate = (message.ChannelType == 1 || message.ChannelType == 3) && message.MessageSeq == 1;
            if (!command && !firstOfPrivate)
            {
                return;
            }
            foreach (string uid in receivers)
            {
                if (uid.Length == 0)
                {
                    continue;
                }
                EnsureConversation(uid, message.ChannelId, message.ChannelType, uid == message.FromUid ? message.MessageSeq : 0);
            }
        }

        /// <summary>The highest seq in the channel sent by <paramref name="uid"/> (0 when none): a sender has read its own messages.</summary>
        public ulong LastMessageSeqFrom(string storedId, byte type, string uid)
        {
            if (!Messages.TryGetValue((storedId, type), out List<StoredMessage>? list))
            {
                return 0;
            }
            for (int i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].FromUid == uid)
                {
                    return list[i].MessageSeq;
                }
            }
            return 0;
        }

        /// <summary>The stored message with this seq, or null.</summary>
        public StoredMessage? MessageAt(string storedId, byte type, ulong seq)
        {
            ulong first = FirstMessageSeq(storedId, type);
            if (seq < first || !Messages.TryGetValue((storedId, type), out List<StoredMessage>? list) || seq - first >= (ulong)list.Count)
            {
                return null;
            }
            return list[(int)(seq - first)];
        }
    }
}
