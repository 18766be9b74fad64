namespace WuKongIM.Client
{
    /// <summary>The Channels calls of the WuKongIM API.</summary>
    public sealed partial class ChannelsApi
    {
        private readonly WKClient _client;

        internal ChannelsApi(WKClient client) => _client = client;
    }
}
