using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>Stream events of messages (wukongim-api.md §3.9): /message/event and /message/eventsync.</summary>
    public sealed class MessageEventRoutes : IRouteModule
    {
        private static readonly GoStruct EventAppendReq = new("api", "eventAppendReq",
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("from_uid", GoType.String),
            new GoField("message_id", GoType.Int64),
            new GoField("client_msg_no", GoType.String),
            new GoField("event_id", GoType.String),
            new GoField("event_type", GoType.String),
            new GoField("event_key", GoType.String),
            new GoField("visibility", GoType.String),
            new GoField("occurred_at", GoType.Int64),
            new GoField("payload", GoType.Raw, "json.RawMessage"),
            new GoField("headers", GoType.StringMap));

        private static readonly GoStruct EventSyncReq = new("api", "eventSyncReq",
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("from_uid", GoType.String),
            new GoField("client_msg_no", GoType.String),
            new GoField("event_key", GoType.String),
            new GoField("from_msg_event_seq", GoType.Uint64),
            new GoField("limit", GoType.Int),
            new GoField("include_private", GoType.Uint8));

        private static readonly HashSet<string> TerminalTypes = new(StringComparer.Ordinal) { "stream.close", "stream.error", "stream.cancel", "stream.finish" };

        public void Map(Router router)
        {
            router.Post("/message/event", Append);
            router.Post("/message/eventsync", Sync);
        }

        private static ApiResult Append(ApiRequest r)
        {
            if (!r.TryDecode(EventAppendReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            EmulatorState s = r.State;
            string clientMsgNo = req.Str("client_msg_no");
            string fromUid = req.Str("from_uid");
            long messageId = req.Int("message_id");
            // Auto-fill from the session of an is_stream send (before validation, as the server does).
            EventSession? session = s.FindEventSession(clientMsgNo);
            if (session != null)
            {
                if (fromUid.Trim().Length == 0 && session.FromUid.Trim().Length != 0) fromUid = session.FromUid;
                if (messageId == 0 && session.MessageId != 0) messageId = session.MessageId;
            }
            string channelId = req.Str("channel_id");
            if (channelId.Trim().Length == 0) return ApiResult.Err("channel_id不能为空！");
            if (clientMsgNo.Trim().Length == 0) return ApiResult.Err("client_msg_no不能为空！");
            if (req.Str("event_id").Trim().Length == 0) return ApiResult.Err("event_id不能为空！");
            if (req.Str("event_type").Trim().Length == 0) return ApiResult.Err("event_type不能为空！");
            if (fromUid.Trim().Length == 0) fromUid = EmulatorState.SystemUid;

            byte type = req.U8("channel_type");
            string storedId = type == 1 ? MessageRoutes.PersonId(channelId, fromUid) : type == 11 ? fromUid + "@" + channelId : channelId;
            string eventType = req.Str("event_type").Trim().ToLowerInvariant();
            string eventKey = req.Str("event_key").Trim();
            if (eventKey.Length == 0) eventKey = "main";
            if (eventType == "stream.finish") eventKey = "__finish__";
            string eventId = req.Str("event_id").Trim();
            GoValue? payload = req.Raw("payload");
            string? rawPayload = payload?.Raw;

            ulong seq;
            string status;
            if (eventType == "stream.delta")
            {
                if (session != null && (session.StoredChannelId != storedId || session.ChannelType != type))
                {
                    return ApiResult.Err("message event channel mismatch");
                }
                // A delta with no session opens one (implicitly "open"); after the last lane closed that is a fresh lane.
                session ??= s.OpenEventSession(clientMsgNo, storedId, type, fromUid, messageId);
                MemoryLane? lane = session.Lane(eventKey);
                if (lane != null && lane.Status != "open")
                {
                    return ApiResult.Err("stream closed");
                }
                lane ??= session.GetOrAddLane(eventKey);
                ApplyDelta(lane, payload);
                session.LastTouched = DateTimeOffset.UtcNow;
                seq = lane.PersistedSeq;
                status = lane.Status;
            }
            else
            {
                (seq, status) = Persist(s, session, storedId, type, clientMsgNo, eventId, eventType, eventKey, req.Str("visibility"), req.Int("occurred_at"), rawPayload, fromUid, messageId);
            }
            return ApiResult.OkData(new Dictionary<string, object?>
            {
                ["client_msg_no"] = clientMsgNo,
                ["event_key"] = eventKey,
                ["event_id"] = req.Str("event_id"),
                ["msg_event_seq"] = seq,
                ["stream_status"] = status,
                ["channel_id"] = channelId,
                ["channel_type"] = type,
                ["from_uid"] = fromUid,
            });
        }

        /// <summary>{"kind":"text","delta":"..."} appends to the lane's text; any other payload replaces the snapshot.</summary>
        private static void ApplyDelta(MemoryLane lane, GoValue? payload)
        {
            if (payload != null && payload.Kind == GoValueKind.Object)
            {
                GoValue? kind = payload.Member("kind");
                GoValue? delta = payload.Member("delta");
                if (kind != null && kind.Kind == GoValueKind.String && kind.Text == "text")
                {
                    if (lane.RawSnapshot != null && lane.Text.Length == 0)
                    {
                        lane.RawSnapshot = null;
                    }
                    lane.Text.Append(delta != null && delta.Kind == GoValueKind.String ? delta.Text : string.Empty);
                    return;
                }
            }
            lane.Text.Clear();
            lane.RawSnapshot = payload?.Raw;
        }

        private static (ulong Seq, string Status) Persist(EmulatorState s, EventSession? session, string storedId, byte type, string clientMsgNo, string eventId, string eventType,
            string eventKey, string visibility, long occurredAt, string? payload, string fromUid, long messageId)
        {
            // Terminal events carry the accumulated in-memory text as {"snapshot":{...}, ...original keys}.
            MemoryLane? memory = session != null && session.StoredChannelId == storedId && session.ChannelType == type ? session.Lane(eventKey) : null;
            if (TerminalTypes.Contains(eventType) && memory != null && memory.HasSnapshot)
            {
                payload = MergeSnapshot(MessageRender.MemorySnapshot(memory)!, payload);
            }
            EventStream stream = s.GetOrCreateEventStream(storedId, type, clientMsgNo);
            EventLane? lane = stream.Lane(eventKey);
            if (lane != null && lane.LastEventId.Length > 0 && lane.LastEventId == eventId)
            {
                return (lane.LastMsgEventSeq, lane.Status);
            }
            if (lane != null && lane.IsTerminal)
            {
                return (lane.LastMsgEventSeq, lane.Status);
            }
            if (lane == null)
            {
                lane = new EventLane { Key = eventKey, Status = string.Empty };
                stream.Lanes.Add(lane);
            }
            ulong seq = ++stream.LastSeq;
            lane.LastEventId = eventId;
            lane.LastEventType = eventType;
            lane.Visibility = visibility;
            lane.OccurredAt = occurredAt != 0 ? occurredAt : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            switch (eventType)
            {
                case "stream.snapshot":
                    lane.Snapshot = payload;
                    break;
                case "stream.close":
                    lane.Snapshot = ExtractSnapshot(payload) ?? lane.Snapshot;
                    lane.Status = "closed";
                    lane.EndReason = ExtractEndReason(payload);
                    break;
                case "stream.error":
                    lane.Snapshot = ExtractSnapshot(payload) ?? lane.Snapshot;
                    lane.Status = "error";
                    lane.Error = ExtractString(payload, "error");
                    break;
                case "stream.cancel":
                    lane.Snapshot = ExtractSnapshot(payload) ?? lane.Snapshot;
                    lane.Status = "cancelled";
                    break;
                case "stream.finish":
                    lane.Status = "closed";
                    stream.Completed = true;
                    break;
            }
            lane.LastMsgEventSeq = seq;

            // The cache learns the persisted result; when every lane of the session is terminal the session is dropped.
            EventSession live = session ?? s.OpenEventSession(clientMsgNo, storedId, type, fromUid, messageId);
            if (live.StoredChannelId == storedId && live.ChannelType == type)
            {
                MemoryLane mem = live.GetOrAddLane(eventKey);
                mem.PersistedSeq = seq;
                if (lane.IsTerminal)
                {
                    mem.Status = lane.Status;
                }
                live.LastTouched = DateTimeOffset.UtcNow;
                if (live.AllTerminal)
                {
                    s.EventSessions.Remove(clientMsgNo);
                }
            }
            return (seq, lane.Status);
        }

        private static string MergeSnapshot(string snapshot, string? payload)
        {
            var merged = new Dictionary<string, object?> { ["snapshot"] = JsonDocument.Parse(snapshot).RootElement.Clone() };
            if (payload != null)
            {
                try
                {
                    using JsonDocument doc = JsonDocument.Parse(payload);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                        {
                            if (p.Name != "snapshot") merged[p.Name] = p.Value.Clone();
                        }
                    }
                }
                catch (JsonException)
                {
                }
            }
            return JsonSerializer.Serialize(merged, MessageRender.GoJsonOptions);
        }

        private static JsonElement? Object(string? payload)
        {
            if (payload == null) return null;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(payload);
                return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? ExtractSnapshot(string? payload) =>
            Object(payload) is JsonElement o && o.TryGetProperty("snapshot", out JsonElement snap) ? snap.GetRawText() : null;

        private static string ExtractString(string? payload, string name) =>
            Object(payload) is JsonElement o && o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

        private static byte ExtractEndReason(string? payload)
        {
            if (Object(payload) is not JsonElement o || !o.TryGetProperty("end_reason", out JsonElement v)) return 0;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d)) return unchecked((byte)(long)d);
            if (v.ValueKind == JsonValueKind.String && byte.TryParse(v.GetString(), out byte b)) return b;
            return 0;
        }

        private static ApiResult Sync(ApiRequest r)
        {
            if (!r.TryDecode(EventSyncReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string channelId = req.Str("channel_id");
            string clientMsgNo = req.Str("client_msg_no");
            if (channelId.Trim().Length == 0) return ApiResult.Err("channel_id不能为空！");
            if (clientMsgNo.Trim().Length == 0) return ApiResult.Err("client_msg_no不能为空！");
            long limit = req.Int("limit");
            if (limit < 0) return ApiResult.Err("limit不能为负数！");
            if (limit == 0) limit = 200;
            if (limit > 2000) limit = 2000;
            byte type = req.U8("channel_type");
            string fromUid = req.Str("from_uid");
            string storedId = type == 1 && fromUid.Trim().Length != 0 ? MessageRoutes.PersonId(channelId, fromUid) : channelId;
            ulong cursor = req.U64("from_msg_event_seq");
            string eventKey = req.Str("event_key");
            bool includePrivate = req.U8("include_private") == 1;

            EventStream? stream = r.State.FindEventStream(storedId, type, clientMsgNo);
            IEnumerable<EventLane> lanes = stream?.Lanes ?? new List<EventLane>();
            List<EventLane> matching = lanes
                .Where(l => l.LastMsgEventSeq > cursor && (eventKey.Length == 0 || l.Key == eventKey))
                .OrderBy(l => l.LastMsgEventSeq)
                .Take((int)limit + 1)
                .Where(l => includePrivate || (l.Visibility != "private" && l.Visibility != "restricted"))
                .ToList();
            int more = 0;
            if (matching.Count > limit)
            {
                more = 1;
                matching = matching.Take((int)limit).ToList();
            }
            ulong next = matching.Count > 0 ? matching[^1].LastMsgEventSeq : cursor;
            var events = matching.Select(l =>
            {
                // Go renders a map: keys sorted.
                var e = new SortedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["msg_event_seq"] = l.LastMsgEventSeq,
                    ["event_id"] = l.LastEventId,
                    ["event_key"] = l.Key,
                    ["event_type"] = l.LastEventType.Length == 0 ? "stream.snapshot" : l.LastEventType,
                    ["visibility"] = l.Visibility,
                    ["occurred_at"] = l.OccurredAt,
                };
                string projected = l.Snapshot ?? JsonSerializer.Serialize(ProjectedStatus(l), MessageRender.GoJsonOptions);
                e["payload"] = MessageRender.ParseOrString(projected);
                return e;
            }).ToList();
            return ApiResult.OkData(new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["client_msg_no"] = clientMsgNo,
                ["from_msg_event_seq"] = cursor,
                ["next_msg_event_seq"] = next,
                ["more"] = more,
                ["events"] = events,
                ["filtered_by_event_key"] = eventKey,
            });
        }

        private static SortedDictionary<string, object?> ProjectedStatus(EventLane l)
        {
            var map = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["status"] = l.Status, ["end_reason"] = l.EndReason };
            if (l.Error.Length > 0) map["error"] = l.Error;
            return map;
        }
    }
}
