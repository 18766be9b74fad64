namespace WuKongIM.Client
{
    /// <summary>The Users calls of the WuKongIM API.</summary>
    public sealed partial class UsersApi
    {
        private readonly WKClient _client;

        internal UsersApi(WKClient client) => _client = client;
    }
}
