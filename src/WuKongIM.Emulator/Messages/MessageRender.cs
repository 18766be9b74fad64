using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>Renders stored messages as v2.2.5's MessageResp (§2.7), field order as in the Go struct, empty fields omitted.</summary>
    public static class MessageRender
    {
        /// <summary>
        /// The MessageResp of a stored message. A person message's channel_id is the part of the derived id that is not
        /// the sender (relative to the sender, not to the reader); the system sender is rendered as "".
        /// </summary>
        public static Dictionary<string, object?> Render(StoredMessage m, Dictionary<string, object?>? eventFields = null)
        {
            string fromUid = m.FromUid == EmulatorState.SystemUid ? string.Empty : m.FromUid;
            string channelId = m.ChannelId;
            if (m.ChannelType == 1 && channelId.Contains('@'))
            {
                foreach (string part in channelId.Split('@'))
                {
                    if (part != fromUid)
                    {
                        channelId = part;
                    }
                }
            }
            var resp = new Dictionary<string, object?>
            {
                ["header"] = new Dictionary<string, object?> { ["no_persist"] = m.NoPersist, ["red_dot"] = m.RedDot, ["sync_once"] = m.SyncOnce },
                ["setting"] = m.Setting,
                ["message_id"] = m.MessageId,
                ["message_idstr"] = m.MessageId.ToString(CultureInfo.InvariantCulture),
                ["client_msg_no"] = m.ClientMsgNo,
            };
            if (eventFields != null)
            {
                foreach (var pair in eventFields)
                {
                    resp[pair.Key] = pair.Value;
                }
            }
            resp["message_seq"] = m.MessageSeq;
            resp["from_uid"] = fromUid;
            resp["channel_id"] = channelId;
            resp["channel_type"] = m.ChannelType;
            if (m.Topic.Length > 0)
            {
                resp["topic"] = m.Topic;
            }
            resp["expire"] = m.Expire;
            resp["timestamp"] = m.Timestamp;
            resp["payload"] = m.Payload;
            return resp;
        }

        /// <summary>
        /// The event fields messagesync adds to a stream message with event state (§3.9): end/end_reason/error/stream_data
        /// from the main lane, event_meta over all lanes (persisted merged with in-memory, __finish__ only sets completed)
        /// and event_sync_hint. Null when the message has no events.
        /// </summary>
        public static Dictionary<string, object?>? EventFields(EmulatorState state, StoredMessage m, bool fullSnapshots)
        {
            if ((m.Setting & 2) == 0 || m.ClientMsgNo.Length == 0)
            {
                return null;
            }
            List<LaneView> lanes = MergedLanes(state, m.ChannelId, m.ChannelType, m.ClientMsgNo);
            if (lanes.Count == 0)
            {
                return null;
            }
            bool completed = false;
            ulong lastSeq = 0;
            int open = 0;
            var events = new List<object>();
            LaneView? main = null;
            foreach (LaneView lane in lanes)
            {
                if (lane.Key == "__finish__")
                {
                    completed = true;
                    continue;
                }
                if (lane.Key == "main")
                {
                    main = lane;
                }
                lastSeq = Math.Max(lastSeq, lane.LastMsgEventSeq);
                if (lane.Status == "open")
                {
                    open++;
                }
                var keyMeta = new Dictionary<string, object?> { ["event_key"] = lane.Key, ["status"] = lane.Status };
                if (lane.LastMsgEventSeq > 0) keyMeta["last_msg_event_seq"] = lane.LastMsgEventSeq;
                if (fullSnapshots && lane.Snapshot != null) keyMeta["snapshot"] = ParseOrString(lane.Snapshot);
                if (lane.EndReason > 0) keyMeta["end_reason"] = lane.EndReason;
                if (lane.Error.Length > 0) keyMeta["error"] = lane.Error;
                events.Add(keyMeta);
            }
            var meta = new Dictionary<string, object?> { ["has_events"] = true, ["completed"] = completed };
            if (lastSeq > 0)
            {
                meta["event_version"] = lastSeq;
                meta["last_msg_event_seq"] = lastSeq;
            }
            if (events.Count > 0) meta["event_count"] = events.Count;
            if (open > 0) meta["open_event_count"] = open;
            if (events.Count > 0) meta["events"] = events;

            var fields = new Dictionary<string, object?>();
            if (main != null)
            {
                if (main.Status is "closed" or "error" or "cancelled") fields["end"] = 1;
                if (main.EndReason > 0) fields["end_reason"] = main.EndReason;
                if (main.Error.Length > 0) fields["error"] = main.Error;
                if (main.Snapshot != null) fields["stream_data"] = LegacyStreamData(main.Snapshot);
            }
            fields["event_meta"] = meta;
            fields["event_sync_hint"] = new Dictionary<string, object?> { ["client_msg_no"] = m.ClientMsgNo, ["from_msg_event_seq"] = 0 };
            return fields;
        }

        public sealed class LaneView
        {
            public string Key { get; init; } = string.Empty;
            public string Status { get; set; } = "open";
            public ulong LastMsgEventSeq { get; set; }
            public string? Snapshot { get; set; }
            public byte EndReason { get; set; }
            public string Error { get; set; } = string.Empty;
        }

        /// <summary>Persisted lanes, overridden by the in-memory session where it is newer or still open.</summary>
        public static List<LaneView> MergedLanes(EmulatorState state, string storedId, byte type, string clientMsgNo)
        {
            var result = new List<LaneView>();
            EventStream? stream = state.FindEventStream(storedId, type, clientMsgNo);
            if (stream != null)
            {
                foreach (EventLane lane in stream.Lanes)
                {
                    result.Add(new LaneView { Key = lane.Key, Status = lane.Status, LastMsgEventSeq = lane.LastMsgEventSeq, Snapshot = lane.Snapshot, EndReason = lane.EndReason, Error = lane.Error });
                }
            }
            EventSession? session = state.FindEventSession(clientMsgNo);
            if (session == null || session.StoredChannelId != storedId || session.ChannelType != type)
            {
                return result;
            }
            foreach (MemoryLane mem in session.Lanes)
            {
                LaneView? existing = result.Find(l => l.Key == mem.Key);
                if (existing != null && !(mem.PersistedSeq >= existing.LastMsgEventSeq || mem.Status == "open"))
                {
                    continue;
                }
                string? snapshot = MemorySnapshot(mem) ?? existing?.Snapshot;
                if (existing == null)
                {
                    result.Add(new LaneView { Key = mem.Key, Status = mem.Status, LastMsgEventSeq = mem.PersistedSeq, Snapshot = snapshot });
                    continue;
                }
                existing.Status = mem.Status;
                if (mem.PersistedSeq > 0) existing.LastMsgEventSeq = mem.PersistedSeq;
                existing.Snapshot = snapshot;
            }
            return result;
        }

        /// <summary>The snapshot JSON of an in-memory lane: {"kind":"text","text":...} for text deltas, else the raw payload.</summary>
        public static string? MemorySnapshot(MemoryLane lane)
        {
            if (lane.Text.Length > 0)
            {
                return JsonSerializer.Serialize(new Dictionary<string, string> { ["kind"] = "text", ["text"] = lane.Text.ToString() }, GoJsonOptions);
            }
            return lane.RawSnapshot;
        }

        public static readonly JsonSerializerOptions GoJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>A stored raw JSON value as an object for re-serialisation; text that is not JSON stays a string.</summary>
        public static object ParseOrString(string raw)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(raw);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return raw;
            }
        }

        private static byte[] LegacyStreamData(string snapshot)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(snapshot);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("kind", out JsonElement kind) && kind.ValueKind == JsonValueKind.String)
                {
                    if (kind.GetString() == "text")
                    {
                        return Encoding.UTF8.GetBytes(doc.RootElement.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty);
                    }
                    if (kind.GetString() == "binary" && doc.RootElement.TryGetProperty("data", out JsonElement d) && d.ValueKind == JsonValueKind.String)
                    {
                        return Encoding.UTF8.GetBytes(d.GetString()!);
                    }
                }
            }
            catch (JsonException)
            {
            }
            return Encoding.UTF8.GetBytes(snapshot);
        }
    }
}
