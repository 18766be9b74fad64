using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    [JsonSerializable(typeof(ChannelInfoBody))]
    [JsonSerializable(typeof(ChannelCreateBody))]
    [JsonSerializable(typeof(ChannelKeyBody))]
    [JsonSerializable(typeof(SubscribersBody))]
    [JsonSerializable(typeof(ChannelUidsBody))]
    [JsonSerializable(typeof(TempSubscribersBody))]
    [JsonSerializable(typeof(ChannelPage))]
    [JsonSerializable(typeof(WKWhitelistEntry[]))]
    [JsonSerializable(typeof(string[]))]
    internal sealed partial class ChannelsJsonContext : JsonSerializerContext
    {
    }
}
