using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// A token handed out by <c>Register-WKUser</c> or <c>Reset-WKUserToken</c>: the only objects that carry a token in clear,
    /// because passing it on to the app is their purpose. ToString never shows the token.
    /// </summary>
    public sealed class WKUserToken
    {
        public string Uid { get; set; } = string.Empty;
        public WKDeviceFlag DeviceFlag { get; set; }
        public WKDeviceLevel DeviceLevel { get; set; }
        public string Token { get; set; } = string.Empty;
        /// <summary>True when the module generated the token (none was given).</summary>
        public bool Generated { get; set; }

        public override string ToString() => Uid + " (" + DeviceFlag + ")";
    }

    /// <summary>One user's online state: one row for every uid asked, offline users included.</summary>
    public sealed class WKOnlineStatus
    {
        public string Uid { get; set; } = string.Empty;
        public bool Online { get; set; }
        /// <summary>The device flags of the live connections, each once, in ascending order.</summary>
        // Made on first read: a batch of thousands of offline users then costs one object each, not three.
        public WKList<WKDeviceFlag> DeviceFlags
        {
            get => _deviceFlags ??= new WKList<WKDeviceFlag>();
            set => _deviceFlags = value;
        }

        private WKList<WKDeviceFlag>? _deviceFlags;

        /// <summary>How many live connections the user has (a device flag can have several).</summary>
        public int ConnectionCount { get; set; }

        public override string ToString() => Uid + (Online ? " online" : " offline");
    }

    /// <summary>A user record from <c>GET /cluster/users</c> (created by <c>/user/token</c>). The server's counters are always 0 in v2.2.5 and are left out.</summary>
    public sealed class WKUser
    {
        public ulong Id { get; set; }
        public string Uid { get; set; } = string.Empty;
        public uint Slot { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        /// <summary>The server's creation time in Unix nanoseconds: the paging cursor.</summary>
        public long CreatedAtUnixNano { get; set; }

        public override string ToString() => Uid;
    }

    /// <summary>
    /// A device record from <c>GET /cluster/devices</c>. <see cref="Token"/> is masked unless the caller asked for it;
    /// <see cref="HasToken"/> says whether the device has a token at all (device quit blanks it).
    /// </summary>
    public sealed class WKDevice
    {
        public ulong Id { get; set; }
        public string Uid { get; set; } = string.Empty;
        public WKDeviceFlag DeviceFlag { get; set; }
        public WKDeviceLevel DeviceLevel { get; set; }
        public string Token { get; set; } = string.Empty;
        public bool HasToken { get; set; }
        public bool TokenMasked { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public long CreatedAtUnixNano { get; set; }

        public override string ToString() => Uid + " (" + DeviceFlag + ")";
    }

    /// <summary>One page of a /cluster list: its rows and whether the server has more.</summary>
    public sealed class WKClusterPage<T>
    {
        public WKClusterPage(IReadOnlyList<T> items, bool more)
        {
            Items = items;
            More = more;
        }

        public IReadOnlyList<T> Items { get; }
        public bool More { get; }
    }

    internal sealed class UpdateTokenBody
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("token")] public string Token { get; set; } = string.Empty;
        [JsonPropertyName("device_flag")] public int DeviceFlag { get; set; }
        [JsonPropertyName("device_level")] public int DeviceLevel { get; set; }
    }

    internal sealed class DeviceQuitBody
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("device_flag")] public int DeviceFlag { get; set; }
    }

    internal sealed class UidsBody
    {
        [JsonPropertyName("uids")] public string[] Uids { get; set; } = Array.Empty<string>();
    }

    internal sealed class PluginNoBody
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("plugin_no")] public string PluginNo { get; set; } = string.Empty;
    }

    internal sealed class OnlineStatusRow
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("device_flag")] public int DeviceFlag { get; set; }
        [JsonPropertyName("online")] public int Online { get; set; }
    }

    internal sealed class ClusterUserRow
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("slot")] public uint Slot { get; set; }
        [JsonPropertyName("created_at")] public long CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public long UpdatedAt { get; set; }
    }

    internal sealed class ClusterDeviceRow
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("token")] public string Token { get; set; } = string.Empty;
        [JsonPropertyName("device_flag")] public ulong DeviceFlag { get; set; }
        [JsonPropertyName("device_level")] public int DeviceLevel { get; set; }
        [JsonPropertyName("created_at")] public long CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public long UpdatedAt { get; set; }
    }

    internal sealed class ClusterPageBody<T>
    {
        [JsonPropertyName("total")] public long Total { get; set; }
        [JsonPropertyName("more")] public int More { get; set; }
        [JsonPropertyName("data")] public T[]? Data { get; set; }
    }
}
