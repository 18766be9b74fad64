namespace WuKongIM.Client
{
    /// <summary>The Tags calls of the WuKongIM API.</summary>
    public sealed partial class TagsApi
    {
        private readonly WKClient _client;

        internal TagsApi(WKClient client) => _client = client;
    }
}
