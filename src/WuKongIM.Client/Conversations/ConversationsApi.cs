namespace WuKongIM.Client
{
    /// <summary>The Conversations calls of the WuKongIM API.</summary>
    public sealed partial class ConversationsApi
    {
        private readonly WKClient _client;

        internal ConversationsApi(WKClient client) => _client = client;
    }
}
