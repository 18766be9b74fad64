namespace WuKongIM.Client
{
    /// <summary>The Messages calls of the WuKongIM API.</summary>
    public sealed partial class MessagesApi
    {
        private readonly WKClient _client;

        internal MessagesApi(WKClient client) => _client = client;
    }
}
