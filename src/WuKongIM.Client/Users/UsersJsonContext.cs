using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    [JsonSerializable(typeof(UpdateTokenBody))]
    [JsonSerializable(typeof(DeviceQuitBody))]
    [JsonSerializable(typeof(UidsBody))]
    [JsonSerializable(typeof(PluginNoBody))]
    [JsonSerializable(typeof(OnlineStatusRow[]))]
    [JsonSerializable(typeof(string[]))]
    [JsonSerializable(typeof(ClusterPageBody<ClusterUserRow>))]
    [JsonSerializable(typeof(ClusterPageBody<ClusterDeviceRow>))]
    internal sealed partial class UsersJsonContext : JsonSerializerContext
    {
    }
}
