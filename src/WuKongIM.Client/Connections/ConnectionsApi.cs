namespace WuKongIM.Client
{
    /// <summary>The Connections calls of the WuKongIM API.</summary>
    public sealed partial class ConnectionsApi
    {
        private readonly WKClient _client;

        internal ConnectionsApi(WKClient client) => _client = client;
    }
}
