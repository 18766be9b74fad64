using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    [JsonSerializable(typeof(ConversationTargetRequest))]
    [JsonSerializable(typeof(UidRequest))]
    [JsonSerializable(typeof(ConversationSyncRequest))]
    [JsonSerializable(typeof(SyncByChannelsRequest))]
    [JsonSerializable(typeof(SyncMessagesRequest))]
    [JsonSerializable(typeof(StoredConversationPage))]
    [JsonSerializable(typeof(WKConversation[]))]
    [JsonSerializable(typeof(WKConversationChannel[]))]
    [JsonSerializable(typeof(WKConversationMessages[]))]
    internal sealed partial class ConversationsJsonContext : JsonSerializerContext
    {
    }
}
