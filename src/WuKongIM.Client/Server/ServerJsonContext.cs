using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    [JsonSerializable(typeof(WKHealth))]
    [JsonSerializable(typeof(WKServerStatus))]
    [JsonSerializable(typeof(WKServerSetting))]
    [JsonSerializable(typeof(WKMigrationStatus))]
    [JsonSerializable(typeof(WKRoute))]
    [JsonSerializable(typeof(WKRoute[]))]
    [JsonSerializable(typeof(string[]))]
    internal sealed partial class ServerJsonContext : JsonSerializerContext
    {
    }
}
