using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// The five flags of a channel record as POST /channel and POST /channel/info write them. Both calls overwrite every
    /// flag: a flag left false here is stored as off.
    /// </summary>
    public sealed class WKChannelInfo
    {
        public string ChannelId { get; set; } = string.Empty;
        public WKChannelType ChannelType { get; set; }
        /// <summary>"Super group" marker; stored only, nothing in v2.2.5 reads it.</summary>
        public bool Large { get; set; }
        /// <summary>Banned: every send to the channel is rejected (reason 19); on a person channel the user cannot connect.</summary>
        public bool Ban { get; set; }
        /// <summary>Disbanded: sends are rejected (reason 24).</summary>
        public bool Disband { get; set; }
        /// <summary>Send ban. v2.2.5 enforces it only on a person channel (that user cannot send from a client connection).</summary>
        public bool SendBan { get; set; }
        /// <summary>Stored only, nothing in v2.2.5 reads it.</summary>
        public bool AllowStranger { get; set; }

        public WKChannelInfo Clone() => (WKChannelInfo)MemberwiseClone();

        public override string ToString() => new WKChannelKey(ChannelId, ChannelType) + ": " + WKChannelFlagMerge.Describe(this);
    }

    /// <summary>
    /// A channel record as GET /cluster/channels shows it (wukongim-api.md §11.4). large, send_ban and allow_stranger are
    /// not readable anywhere in v2.2.5: <see cref="SendBan"/>, <see cref="Large"/> and <see cref="AllowStranger"/> are
    /// null (unknown) unless this client wrote them, and <see cref="FlagSource"/> says which.
    /// </summary>
    public sealed class WKChannel
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("slot")] public uint Slot { get; set; }
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public WKChannelType ChannelType { get; set; }
        [JsonPropertyName("ban")] public int BanValue { get; set; }
        [JsonPropertyName("disband")] public int DisbandValue { get; set; }
        [JsonPropertyName("subscriber_count")] public long SubscriberCount { get; set; }
        /// <summary>The whitelist's length as the server counts it (its allowlist_count).</summary>
        [JsonPropertyName("allowlist_count")] public long WhitelistCount { get; set; }
        /// <summary>The blacklist's length as the server counts it (its denylist_count).</summary>
        [JsonPropertyName("denylist_count")] public long BlacklistCount { get; set; }
        [JsonPropertyName("last_msg_seq")] public ulong LastMsgSeq { get; set; }
        [JsonPropertyName("last_msg_time")] public long LastMsgTimeNanos { get; set; }
        [JsonPropertyName("created_at")] public long CreatedAtNanos { get; set; }
        [JsonPropertyName("updated_at")] public long UpdatedAtNanos { get; set; }

        [JsonIgnore] public bool Ban => BanValue == 1;
        [JsonIgnore] public bool Disband => DisbandValue == 1;
        [JsonIgnore] public DateTimeOffset? LastMsgTime => WKTime.FromUnixNanos(LastMsgTimeNanos);
        [JsonIgnore] public DateTimeOffset? CreatedAt => WKTime.FromUnixNanos(CreatedAtNanos);
        [JsonIgnore] public DateTimeOffset? UpdatedAt => WKTime.FromUnixNanos(UpdatedAtNanos);

        /// <summary>Send ban: null when unknown (the server cannot report it), else the value this client last wrote.</summary>
        [JsonIgnore] public bool? SendBan { get; set; }
        /// <summary>"Super group" marker: null when unknown (the server cannot report it), else the value this client last wrote.</summary>
        [JsonIgnore] public bool? Large { get; set; }
        /// <summary>null when unknown (the server cannot report it), else the value this client last wrote.</summary>
        [JsonIgnore] public bool? AllowStranger { get; set; }
        /// <summary>Where <see cref="SendBan"/>, <see cref="Large"/> and <see cref="AllowStranger"/> come from.</summary>
        [JsonIgnore] public WKFlagSource FlagSource { get; set; }

        /// <summary>
        /// True when the row came from the channel listing, whose counts are live. False when the channel is not listed
        /// (it was first created by subscriber_add) and was read by the direct lookup: then SubscriberCount is counted from
        /// the member list and LastMsgSeq is unknown (0).
        /// </summary>
        [JsonIgnore] public bool Listed { get; set; } = true;

        /// <summary>The channel's last message, when asked for (Get-WKChannel -IncludeLastMessage).</summary>
        [JsonIgnore] public WKMessage? LastMessage { get; set; }

        /// <summary>The channel's highest message seq from GET /channel/max_message_seq, when asked for.</summary>
        [JsonIgnore] public ulong? MaxMessageSeq { get; set; }

        public override string ToString() => new WKChannelKey(ChannelId, ChannelType).ToString();
    }

    /// <summary>Where the flags the server cannot report (send_ban, large, allow_stranger) of a <see cref="WKChannel"/> come from.</summary>
    public enum WKFlagSource
    {
        /// <summary>Not known: the server cannot report them and this client has not written them (the flags are null).</summary>
        Unknown,
        /// <summary>The values this client (this session) last wrote with New-WKChannel, Set-WKChannel and the like.</summary>
        ThisSession,
    }

    /// <summary>One allowlist member from GET /channel/whitelist. <see cref="Id"/> is FNV-1a-64 of the uid and often exceeds 2^63.</summary>
    public sealed class WKWhitelistEntry
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The list's channel (not in the server's answer; filled in by the client).</summary>
        [JsonIgnore] public string ChannelId { get; set; } = string.Empty;
        [JsonIgnore] public WKChannelType ChannelType { get; set; }

        public override string ToString() => Uid;
    }

    /// <summary>Which member list of a channel a <see cref="WKChannelMember"/> comes from.</summary>
    public enum WKChannelList
    {
        Subscribers,
        Blacklist,
        Whitelist,
    }

    /// <summary>A uid on one of a channel's lists; pipes into the Add/Remove cmdlets by ChannelId, ChannelType and Uid.</summary>
    public sealed class WKChannelMember
    {
        public WKChannelMember(string channelId, WKChannelType channelType, string uid, WKChannelList list)
        {
            ChannelId = channelId;
            ChannelType = channelType;
            Uid = uid;
            List = list;
        }

        public string ChannelId { get; }
        public WKChannelType ChannelType { get; }
        public string Uid { get; }
        public WKChannelList List { get; }

        public override string ToString() => Uid;
    }

    /// <summary>Flags to change; null leaves the flag as it is (when it can be read or is remembered).</summary>
    public sealed class WKChannelFlagChanges
    {
        public bool? Large { get; set; }
        public bool? Ban { get; set; }
        public bool? Disband { get; set; }
        public bool? SendBan { get; set; }
        public bool? AllowStranger { get; set; }

        public bool Any => Large.HasValue || Ban.HasValue || Disband.HasValue || SendBan.HasValue || AllowStranger.HasValue;
    }

    /// <summary>What a flag update will send, and where each unnamed flag's value came from.</summary>
    public sealed class WKChannelFlagPlan
    {
        public WKChannelFlagPlan(WKChannelInfo info, bool channelFound, IReadOnlyList<string> remembered, IReadOnlyList<string> unknown)
        {
            Info = info;
            ChannelFound = channelFound;
            RememberedFlags = remembered;
            UnknownFlags = unknown;
        }

        /// <summary>The full set of flags to send.</summary>
        public WKChannelInfo Info { get; }
        /// <summary>True when the server had a record for the channel (its ban and disband were read).</summary>
        public bool ChannelFound { get; }
        /// <summary>Unreadable flags not named by the caller, taken from what this client last wrote for the channel.</summary>
        public IReadOnlyList<string> RememberedFlags { get; }
        /// <summary>Unreadable flags not named by the caller and never written by this client: they are sent as off.</summary>
        public IReadOnlyList<string> UnknownFlags { get; }
    }

    internal static class WKTime
    {
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Unix nanoseconds as UTC; 0 means "not set".</summary>
        public static DateTimeOffset? FromUnixNanos(long nanos) => nanos == 0 ? (DateTimeOffset?)null : Epoch.AddTicks(nanos / 100);
    }

    // Request and response bodies of the wire, with flags as 0/1 ints.
    internal sealed class ChannelInfoBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("large")] public int Large { get; set; }
        [JsonPropertyName("ban")] public int Ban { get; set; }
        [JsonPropertyName("disband")] public int Disband { get; set; }
        [JsonPropertyName("send_ban")] public int SendBan { get; set; }
        [JsonPropertyName("allow_stranger")] public int AllowStranger { get; set; }

        public static ChannelInfoBody From(WKChannelInfo info) => new ChannelInfoBody
        {
            ChannelId = info.ChannelId,
            ChannelType = (byte)info.ChannelType,
            Large = info.Large ? 1 : 0,
            Ban = info.Ban ? 1 : 0,
            Disband = info.Disband ? 1 : 0,
            SendBan = info.SendBan ? 1 : 0,
            AllowStranger = info.AllowStranger ? 1 : 0,
        };
    }

    internal sealed class ChannelCreateBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("large")] public int Large { get; set; }
        [JsonPropertyName("ban")] public int Ban { get; set; }
        [JsonPropertyName("disband")] public int Disband { get; set; }
        [JsonPropertyName("send_ban")] public int SendBan { get; set; }
        [JsonPropertyName("allow_stranger")] public int AllowStranger { get; set; }
        [JsonPropertyName("reset")] public int Reset { get; set; }
        [JsonPropertyName("subscribers")] public string[]? Subscribers { get; set; }
    }

    internal sealed class ChannelKeyBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
    }

    internal sealed class SubscribersBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("reset")] public int Reset { get; set; }
        [JsonPropertyName("subscribers")] public string[] Subscribers { get; set; } = Array.Empty<string>();
    }

    internal sealed class ChannelUidsBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public byte ChannelType { get; set; }
        [JsonPropertyName("uids")] public string[] Uids { get; set; } = Array.Empty<string>();
    }

    internal sealed class TempSubscribersBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("uids")] public string[] Uids { get; set; } = Array.Empty<string>();
    }

    internal sealed class ChannelPage
    {
        [JsonPropertyName("more")] public int More { get; set; }
        [JsonPropertyName("data")] public WKChannel[]? Data { get; set; }
    }
}
