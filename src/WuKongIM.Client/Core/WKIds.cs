namespace WuKongIM.Client
{
    /// <summary>Shared checks for ids sent to the server.</summary>
    public static class WKIds
    {
        /// <summary>Characters v2.2.5 rejects in uids and channel ids ("special characters", wukongim-api.md §2.3).</summary>
        public static readonly char[] SpecialCharacters = { '@', '#', '&' };

        /// <summary>A uid that is not blank and holds no control character (WKUidEmpty, WKUidControlCharacter).</summary>
        public static void RequireUid(string? uid, string paramName = "uid")
        {
            if (string.IsNullOrWhiteSpace(uid))
            {
                throw new WKInvalidInputException("WKUidEmpty", "The uid cannot be empty.", paramName, uid);
            }
            WKInputRules.RequireNoControl(uid!, paramName);
        }

        /// <summary>A uid the server would store: not empty and without @, # or &amp;.</summary>
        public static void RequirePlainUid(string? uid, string paramName = "uid")
        {
            RequireUid(uid, paramName);
            if (uid!.IndexOfAny(SpecialCharacters) >= 0)
            {
                throw new WKInvalidInputException("WKUidSpecialCharacter", "The uid '" + uid + "' contains @, # or &, which WuKongIM does not allow in ids.", paramName, uid);
            }
        }

        /// <summary>A channel id that is not blank and holds no control character (WKChannelIdEmpty, WKChannelIdControlCharacter).</summary>
        public static void RequireChannelId(string? channelId, string paramName = "channelId")
        {
            if (string.IsNullOrWhiteSpace(channelId))
            {
                throw new WKInvalidInputException("WKChannelIdEmpty", "The channel id cannot be empty.", paramName, channelId);
            }
            int control = WKInputRules.IndexOfControl(channelId!);
            if (control >= 0)
            {
                throw new WKInvalidInputException("WKChannelIdControlCharacter",
                    "The channel id contains the control character U+" + ((int)channelId![control]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ".", paramName, channelId);
            }
        }
    }
}
