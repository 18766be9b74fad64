namespace WuKongIM.Client
{
    /// <summary>Client-side checks of ids, done before any request so bad input never reaches the server.</summary>
    public static class WKIds
    {
        /// <summary>Characters v2.2.5 rejects in uids and channel ids ("special characters", wukongim-api.md §2.3).</summary>
        public static readonly char[] SpecialCharacters = { '@', '#', '&' };

        public static void RequireUid(string? uid, string paramName = "uid")
        {
            if (string.IsNullOrWhiteSpace(uid))
            {
                throw new WKValidationException("The uid cannot be empty.", paramName);
            }
        }

        /// <summary>A uid the server would store: not empty and without @, # or &amp;.</summary>
        public static void RequirePlainUid(string? uid, string paramName = "uid")
        {
            RequireUid(uid, paramName);
            if (uid!.IndexOfAny(SpecialCharacters) >= 0)
            {
                throw new WKValidationException("The uid '" + uid + "' contains @, # or &, which WuKongIM does not allow in ids.", paramName);
            }
        }

        public static void RequireChannelId(string? channelId, string paramName = "channelId")
        {
            if (string.IsNullOrWhiteSpace(channelId))
            {
                throw new WKValidationException("The channel id cannot be empty.", paramName);
            }
        }
    }
}
