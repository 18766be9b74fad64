using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    [JsonSerializable(typeof(WKNodeList))]
    [JsonSerializable(typeof(WKNode))]
    [JsonSerializable(typeof(WKClusterInfo))]
    [JsonSerializable(typeof(WKSlotList))]
    [JsonSerializable(typeof(WKSlot[]))]
    [JsonSerializable(typeof(WKSlotConfig))]
    [JsonSerializable(typeof(WKSlotReplica))]
    [JsonSerializable(typeof(WKSlotReplica[]))]
    [JsonSerializable(typeof(WKChannelClusterConfig))]
    [JsonSerializable(typeof(WKChannelReplica))]
    [JsonSerializable(typeof(WKChannelReplica[]))]
    [JsonSerializable(typeof(WKNodeChannelPage))]
    [JsonSerializable(typeof(NodeChannelCursorPage))]
    [JsonSerializable(typeof(WKChannelRunStatus[]))]
    [JsonSerializable(typeof(ChannelStatusBody))]
    [JsonSerializable(typeof(MigrateBody))]
    [JsonSerializable(typeof(WKClusterLogPage))]
    [JsonSerializable(typeof(ClusterMessagePage))]
    [JsonSerializable(typeof(ManagerLoginBody))]
    [JsonSerializable(typeof(ManagerLoginAnswer))]
    internal sealed partial class ClusterJsonContext : JsonSerializerContext
    {
    }
}
