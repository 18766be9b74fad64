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
        [JsonPropertyName("uptime")] public string Uptime { get; set; } = string.Empty;
        [JsonPropertyName("idle")] public string Idle { get; set; } = string.Empty;
        [JsonPropertyName("pending_bytes")] public long PendingBytes { get; set; }
        [JsonPropertyName("in_msgs")] public long InMsgs { get; set; }
        [JsonPropertyName("out_msgs")] public long OutMsgs { get; set; }
        [JsonPropertyName("in_msg_bytes")] public long InMsgBytes { get; set; }
        [JsonPropertyName("out_msg_bytes")] public long OutMsgBytes { get; set; }
        [JsonPropertyName("in_packets")] public long InPackets { get; set; }
        [JsonPropertyName("out_packets")] public long OutPackets { get; set; }
        [JsonPropertyName("in_packet_bytes")] public long InPacketBytes { get; set; }
        [JsonPropertyName("out_packet_bytes")] public long OutPacketBytes { get; set; }
        [JsonPropertyName("device")] public string Device { get; set; } = string.Empty;
        [JsonPropertyName("device_id")] public string DeviceId { get; set; } = string.Empty;
        [JsonPropertyName("version")] public int ProtocolVersion { get; set; }
        [JsonPropertyName("proxy_type_format")] public string ProxyType { get; set; } = string.Empty;
        [JsonPropertyName("leader_id")] public ulong LeaderId { get; set; }
        [JsonPropertyName("node_id")] public ulong NodeId { get; set; }

        /// <summary>The device flag read from <see cref="Device"/> (<c>App(主)</c>, <c>Web(从)</c>, <c>PC(主)</c>); null when the server says 未知.</summary>
        [JsonIgnore]
        public WKDeviceFlag? DeviceFlag => Device.StartsWith("App", StringComparison.Ordinal) ? WKDeviceFlag.App
            : Device.StartsWith("Web", StringComparison.Ordinal) ? WKDeviceFlag.Web
            : Device.StartsWith("PC", StringComparison.Ordinal) ? WKDeviceFlag.PC
            : (WKDeviceFlag?)null;

        /// <summary>Master when <see cref="Device"/> ends in (主), Slave when it ends in (从).</summary>
        [JsonIgnore]
        public WKDeviceLevel DeviceLevel => Device.EndsWith("(\u4ece)", StringComparison.Ordinal) ? WKDeviceLevel.Slave : WKDeviceLevel.Master;

        public override string ToString() => Uid + " #" + ConnId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
