using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// A user's conversation as <c>/conversation/sync</c> and <c>/conversation/syncByChannels</c> render it (wukongim-api.md
    /// §3.8). Person channels are named by the peer's uid. <see cref="Uid"/> is set by the client: the server does not echo it.
    /// </summary>
    public sealed class WKConversation
    {
        /// <summary>The user whose conversation this is.</summary>
        [JsonIgnore] public string Uid { get; set; } = string.Empty;

        /// <summary>The channel; for person channels the other user's uid.</summary>
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }

        /// <summary>Messages after the read position; messages after the user's own latest one only, 0 when the newest is the user's.</summary>
        [JsonPropertyName("unread")] public int Unread { get; set; }

        /// <summary>Unix seconds of the newest message (0 when there is none).</summary>
        [JsonPropertyName("timestamp")] public long TimestampValue { get; set; }

        [JsonPropertyName("last_msg_seq")] public uint LastMsgSeq { get; set; }
        [JsonPropertyName("last_client_msg_no")] public string LastClientMsgNo { get; set; } = string.Empty;
        /// <summary>Always 0 in v2.2.5.</summary>
        [JsonPropertyName("offset_msg_seq")] public long OffsetMsgSeq { get; set; }
        /// <summary>Read up to this seq (raised to the user's own latest message when that is newer).</summary>
        [JsonPropertyName("readed_to_msg_seq")] public uint ReadedToMsgSeq { get; set; }

        /// <summary>The newest message's time in Unix nanoseconds (beyond 2^53: a 64-bit integer, never a double).</summary>
        [JsonPropertyName("version")] public long Version { get; set; }

        /// <summary>The most recent messages, newest first (empty unless they were asked for).</summary>
        [JsonPropertyName("recents")] public WKList<WKMessage> Recents { get; set; } = new WKList<WKMessage>();

        /// <summary>When the newest message was stored (UTC); null when the channel has no message.</summary>
        [JsonIgnore] public DateTimeOffset? LastMessageAt => TimestampValue > 0 ? DateTimeOffset.FromUnixTimeSeconds(TimestampValue) : (DateTimeOffset?)null;

        public override string ToString() => Uid + " " + ChannelId + " (" + ChannelType + "): " + Unread.ToString(CultureInfo.InvariantCulture) + " unread";
    }

    /// <summary>A channel the user has a conversation with, from <c>POST /conversation/channels</c>, including ones without messages.</summary>
    public sealed class WKConversationChannel
    {
        /// <summary>As the server names it: person channels by their stored a@b id.</summary>
        [JsonPropertyName("channel_id")] public string StoredChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }

        /// <summary>The user whose conversation this is (set by the client; the server does not echo it).</summary>
        [JsonIgnore] public string Uid { get; set; } = string.Empty;

        /// <summary>The channel as the other conversation calls take it: for person channels the other user's uid.</summary>
        [JsonIgnore] public string ChannelId => WKConversationIds.PeerOrSelf(Uid, StoredChannelId, ChannelType);

        public override string ToString() => ChannelId;
    }

    /// <summary>A channel's recent messages for a user, from <c>POST /conversation/syncMessages</c>.</summary>
    public sealed class WKConversationMessages
    {
        /// <summary>The stored id (person channels: a@b).</summary>
        [JsonPropertyName("channel_id")] public string StoredChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("messages")] public WKMessage[] Messages { get; set; } = Array.Empty<WKMessage>();
        /// <summary>The seq of the user's own latest message in the channel (0 when none).</summary>
        [JsonPropertyName("user_last_msg_seq")] public ulong UserLastMsgSeq { get; set; }

        [JsonIgnore] public string Uid { get; set; } = string.Empty;
        [JsonIgnore] public string ChannelId => WKConversationIds.PeerOrSelf(Uid, StoredChannelId, ChannelType);
    }

    /// <summary>One channel of a <c>/conversation/syncMessages</c> request.</summary>
    public sealed class WKConversationMessageQuery
    {
        /// <summary>The channel; for person channels the other user's uid (an a@b id containing the user is taken as stored).</summary>
        public string ChannelId { get; set; } = string.Empty;
        public WKChannelType ChannelType { get; set; }
        /// <summary>Only messages with a seq at least this (0: from the beginning).</summary>
        public ulong FromSeq { get; set; }
    }

    /// <summary>A stored conversation row of <c>GET /cluster/conversations</c> (§11.5): deleted ones included, times in seconds.</summary>
    public sealed class WKStoredConversation
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        /// <summary>0 chat, 1 command (____cmd channels).</summary>
        [JsonPropertyName("type")] public byte Type { get; set; }
        /// <summary>The stored id: a@b for person channels, id____cmd for command conversations.</summary>
        [JsonPropertyName("channel_id")] public string StoredChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("unread_count")] public uint UnreadCount { get; set; }
        [JsonPropertyName("last_msg_seq")] public ulong LastMsgSeq { get; set; }
        [JsonPropertyName("readed_to_msg_seq")] public ulong ReadedToMsgSeq { get; set; }
        [JsonPropertyName("created_at")] public long CreatedAtValue { get; set; }
        [JsonPropertyName("updated_at")] public long UpdatedAtValue { get; set; }

        [JsonIgnore] public bool IsCommand => Type == 1;
        [JsonIgnore] public string ChannelId => WKConversationIds.PeerOrSelf(Uid, StoredChannelId, ChannelType);
        [JsonIgnore] public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(CreatedAtValue);
        [JsonIgnore] public DateTimeOffset UpdatedAt => DateTimeOffset.FromUnixTimeSeconds(UpdatedAtValue);
    }

    /// <summary>A channel the client already holds up to a seq (<c>last_msg_seqs</c> of /conversation/sync).</summary>
    public sealed class WKKnownConversationSeq
    {
        public string ChannelId { get; set; } = string.Empty;
        public WKChannelType ChannelType { get; set; }
        public ulong LastMsgSeq { get; set; }
    }

    /// <summary>What to read through <c>/conversation/sync</c>.</summary>
    public sealed class WKConversationQuery
    {
        public string Uid { get; set; } = string.Empty;

        /// <summary>
        /// Recent messages per conversation to return (0: none). The server returns no conversation at all unless it loads
        /// at least one message each, so the client always asks for at least one and drops them when none were wanted.
        /// </summary>
        public int RecentCount { get; set; }

        /// <summary>Only conversations with messages after the read position (recents start there too).</summary>
        public bool OnlyUnread { get; set; }

        /// <summary>
        /// Only conversations whose newest message is newer than this version (Unix nanoseconds, from an earlier result).
        /// The server treats any version as "only unread" and compares nothing, so the client filters by it.
        /// </summary>
        public long? Version { get; set; }

        public IList<WKChannelType>? ExcludeChannelTypes { get; set; }

        /// <summary>Channels already held up to a seq: recents start after it, and an entry with nothing newer is left out.</summary>
        public IList<WKKnownConversationSeq>? KnownSeqs { get; set; }

        /// <summary>Conversations per request (1-500, the server's cap); 0 reads everything in one unpaged request.</summary>
        public int PageSize { get; set; } = WKConversationPager.DefaultPageSize;
    }

    /// <summary>The outcome of asking for an unread count.</summary>
    public enum WKUnreadDecision
    {
        /// <summary>Lower than now: the request is sent.</summary>
        Lower,
        /// <summary>Already at that count: nothing to send.</summary>
        Unchanged,
        /// <summary>Higher than now: the server only moves the read position forward, so it cannot raise the count.</summary>
        CannotRaise,
    }

    /// <summary>What /conversations/setUnread can do (it only moves the read position forward).</summary>
    public static class UnreadRules
    {
        /// <summary>True when asking for <paramref name="requested"/> unread can take effect given the current count.</summary>
        public static bool CanSet(long currentUnread, long requested) => requested <= currentUnread;

        public static WKUnreadDecision Decide(long currentUnread, long requested) =>
            requested == currentUnread ? WKUnreadDecision.Unchanged : requested < currentUnread ? WKUnreadDecision.Lower : WKUnreadDecision.CannotRaise;
    }

    /// <summary>Person-channel ids in conversation calls (§2.2): the server takes the peer uid and derives a@b itself.</summary>
    public static class WKConversationIds
    {
        /// <summary>For a person channel stored as a@b, the part that is not <paramref name="uid"/>; any other id as it is.</summary>
        public static string PeerOrSelf(string uid, string channelId, WKChannelType channelType)
        {
            if (channelType != WKChannelType.Person || channelId.IndexOf('@') < 0)
            {
                return channelId;
            }
            string[] parts = channelId.Split('@');
            if (parts.Length != 2)
            {
                return channelId;
            }
            return parts[0] == uid ? parts[1] : parts[1] == uid ? parts[0] : channelId;
        }

        /// <summary>
        /// The channel id to send in /conversations/* and /conversation/syncByChannels: a person channel's a@b id that contains
        /// the uid becomes the peer's uid (the server would derive a wrong id from it); other person ids with @ # &amp; are refused.
        /// </summary>
        public static string ForRequest(string uid, string channelId, WKChannelType channelType, string paramName = "channelId")
        {
            WKIds.RequireChannelId(channelId, paramName);
            if (channelType != WKChannelType.Person)
            {
                return channelId;
            }
            string peer = PeerOrSelf(uid, channelId, channelType);
            if (WKChannelIds.HasSpecialChar(peer))
            {
                throw new WKValidationException("The person channel '" + channelId + "' is neither a uid nor a stored id of " + uid + "'s conversations.", paramName);
            }
            return peer;
        }

        /// <summary>The stored id /conversation/syncMessages takes: a@b for person channels, the id itself otherwise.</summary>
        public static string Stored(string uid, string channelId, WKChannelType channelType) =>
            channelType == WKChannelType.Person ? WKChannelIds.PersonChannelId(uid, ForRequest(uid, channelId, channelType)) : channelId;
    }

    internal sealed class ConversationTargetRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("message_seq"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public uint? MessageSeq { get; set; }
        [JsonPropertyName("unread"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Unread { get; set; }
    }

    internal sealed class UidRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
    }

    internal sealed class ConversationSyncRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Version { get; set; }
        [JsonPropertyName("last_msg_seqs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LastMsgSeqs { get; set; }
        [JsonPropertyName("msg_count")] public long MsgCount { get; set; }
        [JsonPropertyName("only_unread"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public byte OnlyUnread { get; set; }
        // Numbers, not byte[]: a byte[] would be written as base64.
        [JsonPropertyName("exclude_channel_types"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int[]? ExcludeChannelTypes { get; set; }
        [JsonPropertyName("page"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Page { get; set; }
        [JsonPropertyName("page_size"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int PageSize { get; set; }
    }

    internal sealed class ConversationChannelRef
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("last_msg_seq"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ulong? LastMsgSeq { get; set; }
    }

    internal sealed class SyncByChannelsRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("channels")] public List<ConversationChannelRef> Channels { get; set; } = new List<ConversationChannelRef>();
        [JsonPropertyName("msg_count")] public int MsgCount { get; set; }
    }

    internal sealed class SyncMessagesRequest
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("channels")] public List<ConversationChannelRef> Channels { get; set; } = new List<ConversationChannelRef>();
        [JsonPropertyName("msg_count")] public int MsgCount { get; set; }
        [JsonPropertyName("order_by_last")] public int OrderByLast { get; set; }
    }

    internal sealed class StoredConversationPage
    {
        [JsonPropertyName("total")] public long Total { get; set; }
        [JsonPropertyName("data")] public WKStoredConversation[]? Data { get; set; }
    }
}
