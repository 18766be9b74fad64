using System;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>One page of <c>GET /connz</c>.</summary>
    public sealed class WKConnectionPage
    {
        [JsonPropertyName("connections")] public WKConnection[]? Connections { get; set; }
        [JsonPropertyName("now")] public DateTimeOffset? Now { get; set; }
        /// <summary>All of the node's connections, whatever the uid filter.</summary>
        [JsonPropertyName("total")] public int Total { get; set; }
        [JsonPropertyName("offset")] public int Offset { get; set; }
        [JsonPropertyName("limit")] public int Limit { get; set; }
    }

    internal sealed class ConnBody
    {
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("conn_id")] public long ConnId { get; set; }
        [JsonPropertyName("node_id")] public ulong NodeId { get; set; }
        [JsonPropertyName("op_node_id")] public ulong OpNodeId { get; set; }
    }

    [JsonSerializable(typeof(WKConnectionPage))]
    [JsonSerializable(typeof(ConnBody))]
    internal sealed partial class ConnectionsJsonContext : JsonSerializerContext
    {
    }
}
