using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    [JsonSerializable(typeof(ConversationTargetRequest))]
    [JsonSerializable(typeof(UidRequest))]
    [JsonSerializable(typeof(WKConversationChannel[]))]
    internal sealed partial class ConversationsJsonContext : JsonSerializerContext
    {
    }
}
