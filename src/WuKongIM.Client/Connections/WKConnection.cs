using System;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>A WuKongIM client connection (TCP or WebSocket) as <c>/connz</c> and <c>/varz?show=conn</c> report it.</summary>
    public sealed class WKConnection
    {
        [JsonPropertyName("id")] public long ConnId { get; set; }
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("ip")] public string Ip { get; set; } = string.Empty;
        [JsonPropertyName("port")] public int Port { get; set; }
        [JsonPropertyName("last_activity")] public DateTimeOffset? LastActivity { get; set; }
        /// <summary>The server's text for <see cref="Uptime"/>, e.g. <c>1d2h3m4s</c>.</summary>
        [JsonPropertyName("uptime")] public string UptimeText { get; set; } = string.Empty;
        /// <summary>The server's text for <see cref="Idle"/>, e.g. <c>5m3s</c>.</summary>
        [JsonPropertyName("idle")] public string IdleText { get; set; } = string.Empty;
        [JsonPropertyName("pending_bytes")] public long PendingBytes { get; set; }
        [JsonPropertyName("in_msgs")] public long InMsgs { get; set; }
        [JsonPropertyName("out_msgs")] public long OutMsgs { get; set; }
        [JsonPropertyName("in_msg_bytes")] public long InMsgBytes { get; set; }
        [JsonPropertyName("out_msg_bytes")] public long OutMsgBytes { get; set; }
        [JsonPropertyName("in_packets")] public long InPackets { get; set; }
        [JsonPropertyName("out_packets")] public long OutPackets { get; set; }
        [JsonPropertyName("in_packet_bytes")] public long InPacketBytes { get; set; }
        [JsonPropertyName("out_packet_bytes")] public long OutPacketBytes { get; set; }
        /// <summary>The server's device text, e.g. <c>Web(主)</c>; read as <see cref="DeviceFlag"/> and <see cref="DeviceLevel"/>.</summary>
        [JsonPropertyName("device")] public string DeviceText { get; set; } = string.Empty;
        [JsonPropertyName("device_id")] public string DeviceId { get; set; } = string.Empty;
        [JsonPropertyName("version")] public int ProtocolVersion { get; set; }
        /// <summary>The server's text: <c>本地连接</c> (a local connection) or <c>源节点：&lt;id&gt;</c> (proxied from that node).</summary>
        [JsonPropertyName("proxy_type_format")] public string ProxyTypeText { get; set; } = string.Empty;
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("node_id")] public ulong NodeId { get; set; }

        /// <summary>How long the connection has been open; null when the server's text cannot be read.</summary>
        [JsonIgnore] public TimeSpan? Uptime => WKDuration.Parse(UptimeText);

        /// <summary>How long since the connection's last activity; null when the server's text cannot be read.</summary>
        [JsonIgnore] public TimeSpan? Idle => WKDuration.Parse(IdleText);

        /// <summary>The device flag read from <see cref="DeviceText"/> (<c>App(主)</c>, <c>Web(从)</c>, <c>PC(主)</c>); null when the server says 未知 (unknown).</summary>
        [JsonIgnore]
        public WKDeviceFlag? DeviceFlag => DeviceText.StartsWith("App", StringComparison.Ordinal) ? WKDeviceFlag.App
            : DeviceText.StartsWith("Web", StringComparison.Ordinal) ? WKDeviceFlag.Web
            : DeviceText.StartsWith("PC", StringComparison.Ordinal) ? WKDeviceFlag.PC
            : (WKDeviceFlag?)null;

        /// <summary>Master when <see cref="DeviceText"/> ends in (主), Slave when it ends in (从).</summary>
        [JsonIgnore]
        public WKDeviceLevel DeviceLevel => DeviceText.EndsWith("(\u4ece)", StringComparison.Ordinal) ? WKDeviceLevel.Slave : WKDeviceLevel.Master;

        /// <summary>The node this connection was proxied from (<c>源节点：&lt;id&gt;</c>); null for a local connection.</summary>
        [JsonIgnore]
        public ulong? SourceNodeId
        {
            get
            {
                int colon = ProxyTypeText.LastIndexOfAny(new[] { '\uff1a', ':' });
                return colon >= 0 && ulong.TryParse(ProxyTypeText.Substring(colon + 1).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong node)
                    ? node
                    : (ulong?)null;
            }
        }

        public override string ToString() => Uid + " #" + ConnId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
