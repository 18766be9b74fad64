using System;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// A stored message as the server renders it (MessageResp, wukongim-api.md §2.7). The payload bytes are always kept;
    /// <see cref="Text"/> and <see cref="Content"/> are decoded from them on demand, each on its own first read: reading
    /// the text never parses JSON (an export reads the text of every message and never the content).
    /// </summary>
    public sealed class WKMessage
    {
        private WKBinary _payload = WKBinary.Empty;
        private bool _textDecoded;
        private string? _text;
        private bool _contentParsed;
        private object? _content;

        [JsonPropertyName("header")] public WKMessageHeader Header { get; set; } = new WKMessageHeader();
        [JsonPropertyName("setting")] public byte Setting { get; set; }
        /// <summary>Snowflake id, beyond 2^53: read as a 64-bit integer, never through a double.</summary>
        [JsonPropertyName("message_id")] public long MessageId { get; set; }
        [JsonPropertyName("message_idstr")] public string MessageIdStr { get; set; } = string.Empty;
        [JsonPropertyName("client_msg_no")] public string ClientMsgNo { get; set; } = string.Empty;
        [JsonPropertyName("end")] public byte End { get; set; }
        [JsonPropertyName("end_reason")] public byte EndReason { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
        /// <summary>Legacy merged stream text of the main lane (messagesync only).</summary>
        [JsonPropertyName("stream_data")] public WKBinary? StreamData { get; set; }
        [JsonPropertyName("event_meta")] public WKMessageEventMeta? EventMeta { get; set; }
        [JsonPropertyName("event_sync_hint")] public WKMessageEventSyncHint? EventSyncHint { get; set; }
        [JsonPropertyName("message_seq")] public ulong MessageSeq { get; set; }
        /// <summary>The sender; empty when the system uid sent it.</summary>
        [JsonPropertyName("from_uid")] public string FromUid { get; set; } = string.Empty;
        /// <summary>For person messages: the part of the stored id that is not the sender (relative to the sender, not the reader).</summary>
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("topic")] public string? Topic { get; set; }
        /// <summary>As sent; the server does not enforce it.</summary>
        [JsonPropertyName("expire")] public uint Expire { get; set; }
        /// <summary>Unix seconds at persistence.</summary>
        [JsonPropertyName("timestamp")] public long TimestampValue { get; set; }
        /// <summary>The payload bytes; as text (Export-Csv, string conversion) they are standard base64.</summary>
        [JsonPropertyName("payload")]
        public WKBinary Payload
        {
            get => _payload;
            set
            {
                // New bytes: what was decoded from the old ones no longer applies.
                _payload = value ?? WKBinary.Empty;
                _textDecoded = false;
                _contentParsed = false;
                _text = null;
                _content = null;
            }
        }

        /// <summary>
        /// The id the message is stored under (the derived a@b id for person channels, §2.2); filled by the cluster message
        /// search, which reports it, and null elsewhere.
        /// </summary>
        [JsonIgnore] public string? StoredChannelId { get; set; }

        /// <summary>The raft term of the channel log that stored it; filled by the cluster message search only.</summary>
        [JsonIgnore] public ulong? Term { get; set; }

        [JsonIgnore] public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeSeconds(TimestampValue);
        [JsonIgnore] public bool NoPersist => Header.NoPersist == 1;
        [JsonIgnore] public bool RedDot => Header.RedDot == 1;
        [JsonIgnore] public bool SyncOnce => Header.SyncOnce == 1;
        /// <summary>Setting bit 1 (2): a stream message that can carry events.</summary>
        [JsonIgnore] public bool IsStream => (Setting & 2) != 0;
        [JsonIgnore] public bool IsEnded => End == 1;
        [JsonIgnore] public int PayloadLength => Payload.Length;

        /// <summary>The payload as text when it is valid UTF-8 without control characters (other than tab and line breaks); else null.</summary>
        [JsonIgnore]
        public string? Text
        {
            get
            {
                if (!_textDecoded)
                {
                    _text = WKPayload.TryDecodeText(_payload.Bytes);
                    _textDecoded = true;
                }
                return _text;
            }
        }

        /// <summary>The payload parsed as JSON (ordered dictionaries and arrays) when it is a JSON object or array; else null.</summary>
        [JsonIgnore]
        public object? Content
        {
            get
            {
                if (!_contentParsed)
                {
                    string? text = Text;
                    _content = text == null ? null : WKPayload.TryParseJsonContainer(text);
                    _contentParsed = true;
                }
                return _content;
            }
        }

        /// <summary>True once <see cref="Content"/> was read (the payload was parsed as JSON).</summary>
        internal bool ContentParsed => _contentParsed;

        /// <summary>A one-line preview for tables: the JSON <c>content</c> member, else the text, else the byte count.</summary>
        [JsonIgnore]
        public string Preview
        {
            get
            {
                string text = Content is IDictionary map && map.Contains("content") && map["content"] is string s ? s : Text ?? "<" + Payload.Length.ToString(CultureInfo.InvariantCulture) + " bytes>";
                return WKPayload.OneLine(text, 60);
            }
        }

        /// <summary>The text accumulated by stream events (legacy <c>stream_data</c>), when present.</summary>
        [JsonIgnore] public string? StreamText => StreamData == null ? null : WKPayload.TryDecodeText(StreamData.Bytes);

        public override string ToString() => MessageSeq.ToString(CultureInfo.InvariantCulture) + " " + FromUid + ": " + Preview;
    }

    public sealed class WKMessageHeader
    {
        [JsonPropertyName("no_persist")] public int NoPersist { get; set; }
        [JsonPropertyName("red_dot")] public int RedDot { get; set; }
        [JsonPropertyName("sync_once")] public int SyncOnce { get; set; }

        public override string ToString() =>
            "NoPersist=" + NoPersist.ToString(CultureInfo.InvariantCulture) + " RedDot=" + RedDot.ToString(CultureInfo.InvariantCulture) + " SyncOnce=" + SyncOnce.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Event state of a stream message (messagesync and conversation recents only).</summary>
    public sealed class WKMessageEventMeta
    {
        [JsonPropertyName("has_events")] public bool HasEvents { get; set; }
        [JsonPropertyName("completed")] public bool Completed { get; set; }
        [JsonPropertyName("event_version")] public ulong EventVersion { get; set; }
        [JsonPropertyName("last_msg_event_seq")] public ulong LastMsgEventSeq { get; set; }
        [JsonPropertyName("event_count")] public int EventCount { get; set; }
        [JsonPropertyName("open_event_count")] public int OpenEventCount { get; set; }
        [JsonPropertyName("events")] public WKList<WKMessageEventLane>? Events { get; set; }

        public override string ToString() =>
            (Completed ? "completed" : "open") + ", " + EventCount.ToString(CultureInfo.InvariantCulture) + " events (" + OpenEventCount.ToString(CultureInfo.InvariantCulture) + " open), last seq " + LastMsgEventSeq.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One lane (event_key) of a stream message: its status and snapshot.</summary>
    public sealed class WKMessageEventLane
    {
        [JsonPropertyName("event_key")] public string EventKey { get; set; } = string.Empty;
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("last_msg_event_seq")] public ulong LastMsgEventSeq { get; set; }
        [JsonPropertyName("snapshot")] public JsonElement SnapshotValue { get; set; }
        [JsonPropertyName("end_reason")] public byte EndReason { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }

        [JsonIgnore] public object? Snapshot => SnapshotValue.ValueKind == JsonValueKind.Undefined ? null : WKJsonValue.Convert(SnapshotValue);

        public override string ToString() => EventKey + ": " + Status;
    }

    public sealed class WKMessageEventSyncHint
    {
        [JsonPropertyName("client_msg_no")] public string ClientMsgNo { get; set; } = string.Empty;
        [JsonPropertyName("from_msg_event_seq")] public ulong FromMsgEventSeq { get; set; }

        public override string ToString() => ClientMsgNo + " from event seq " + FromMsgEventSeq.ToString(CultureInfo.InvariantCulture);
    }
}
