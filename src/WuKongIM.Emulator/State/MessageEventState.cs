using System;
using System.Collections.Generic;
using System.Text;

namespace WuKongIM.Emulator.State
{
    /// <summary>The persisted projection of one event lane (§3.9): status, last event and snapshot.</summary>
    public sealed class EventLane
    {
        public string Key { get; init; } = "main";
        public string Status { get; set; } = "open";
        public string LastEventId { get; set; } = string.Empty;
        public string LastEventType { get; set; } = string.Empty;
        public string Visibility { get; set; } = string.Empty;
        public long OccurredAt { get; set; }
        /// <summary>Raw JSON of the lane's snapshot; null when there is none.</summary>
        public string? Snapshot { get; set; }
        public ulong LastMsgEventSeq { get; set; }
        public byte EndReason { get; set; }
        public string Error { get; set; } = string.Empty;

        public bool IsTerminal => Status != "open";
    }

    /// <summary>The persisted events of one anchor message: a per-client_msg_no seq counter and the lanes by key.</summary>
    public sealed class EventStream
    {
        public string StoredChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public string ClientMsgNo { get; init; } = string.Empty;
        public ulong LastSeq { get; set; }
        public bool Completed { get; set; }
        /// <summary>Lanes in creation order.</summary>
        public List<EventLane> Lanes { get; } = new();

        public EventLane? Lane(string key) => Lanes.Find(l => l.Key == key);
    }

    /// <summary>The in-memory state of an open lane: text accumulated from stream.delta, or the last non-text delta payload.</summary>
    public sealed class MemoryLane
    {
        public string Key { get; init; } = "main";
        public string Status { get; set; } = "open";
        public StringBuilder Text { get; } = new();
        public string? RawSnapshot { get; set; }
        public ulong PersistedSeq { get; set; }

        public bool HasSnapshot => Text.Length > 0 || RawSnapshot != null;
    }

    /// <summary>
    /// The server's in-memory event session of one client_msg_no (max 50,000, dropped after 10 minutes idle, and dropped
    /// as soon as every lane is terminal). Remembers from_uid and message_id of an is_stream send for auto-fill.
    /// </summary>
    public sealed class EventSession
    {
        public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

        public string ClientMsgNo { get; init; } = string.Empty;
        public string StoredChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public string FromUid { get; set; } = string.Empty;
        public long MessageId { get; set; }
        public DateTimeOffset LastTouched { get; set; } = DateTimeOffset.UtcNow;
        public List<MemoryLane> Lanes { get; } = new();

        public MemoryLane? Lane(string key) => Lanes.Find(l => l.Key == key);

        public MemoryLane GetOrAddLane(string key)
        {
            MemoryLane? lane = Lane(key);
            if (lane == null)
            {
                lane = new MemoryLane { Key = key };
                Lanes.Add(lane);
            }
            return lane;
        }

        public bool AllTerminal => Lanes.Count > 0 && Lanes.TrueForAll(l => l.Status != "open");
    }

    public sealed partial class EmulatorState
    {
        public const int MaxEventSessions = 50_000;

        /// <summary>Persisted event streams keyed by (stored channel id, type, client_msg_no).</summary>
        public Dictionary<(string ChannelId, byte Type, string ClientMsgNo), EventStream> EventStreams { get; } = new();

        /// <summary>In-memory sessions keyed by client_msg_no alone, as in the server's cache.</summary>
        public Dictionary<string, EventSession> EventSessions { get; } = new(StringComparer.Ordinal);

        /// <summary>The live session of a client_msg_no; an idle-expired one is dropped first.</summary>
        public EventSession? FindEventSession(string clientMsgNo)
        {
            if (!EventSessions.TryGetValue(clientMsgNo, out EventSession? session))
            {
                return null;
            }
            if (DateTimeOffset.UtcNow - session.LastTouched > EventSession.IdleLifetime)
            {
                EventSessions.Remove(clientMsgNo);
                return null;
            }
            return session;
        }

        /// <summary>Creates (or returns) the session of a client_msg_no; at the cap the least recently touched one is evicted.</summary>
        public EventSession OpenEventSession(string clientMsgNo, string storedChannelId, byte type, string fromUid, long messageId)
        {
            EventSession? session = FindEventSession(clientMsgNo);
            if (session != null)
            {
                return session;
            }
            if (EventSessions.Count >= MaxEventSessions)
            {
                string? oldest = null;
                DateTimeOffset oldestTime = DateTimeOffset.MaxValue;
                foreach (var pair in EventSessions)
                {
                    if (pair.Value.LastTouched < oldestTime)
                    {
                        oldestTime = pair.Value.LastTouched;
                        oldest = pair.Key;
                    }
                }
                if (oldest != null)
                {
                    EventSessions.Remove(oldest);
                }
            }
            session = new EventSession { ClientMsgNo = clientMsgNo, StoredChannelId = storedChannelId, ChannelType = type, FromUid = fromUid, MessageId = messageId };
            EventSessions[clientMsgNo] = session;
            return session;
        }

        public EventStream GetOrCreateEventStream(string storedChannelId, byte type, string clientMsgNo)
        {
            var key = (storedChannelId, type, clientMsgNo);
            if (!EventStreams.TryGetValue(key, out EventStream? stream))
            {
                stream = new EventStream { StoredChannelId = storedChannelId, ChannelType = type, ClientMsgNo = clientMsgNo };
                EventStreams[key] = stream;
            }
            return stream;
        }

        public EventStream? FindEventStream(string storedChannelId, byte type, string clientMsgNo) =>
            EventStreams.TryGetValue((storedChannelId, type, clientMsgNo), out EventStream? s) ? s : null;
    }
}
