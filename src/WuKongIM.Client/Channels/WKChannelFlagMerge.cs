using System.Collections.Generic;

namespace WuKongIM.Client
{
    /// <summary>
    /// Builds the full flag set for POST /channel/info, which overwrites all five flags. A named flag wins; ban and disband
    /// come from the server's record; large, send_ban and allow_stranger cannot be read back, so they come from what this
    /// client last wrote for the channel, or are sent as off (and reported, so the caller can warn).
    /// </summary>
    public static class WKChannelFlagMerge
    {
        public static WKChannelFlagPlan Plan(string channelId, WKChannelType channelType, WKChannel? current, WKChannelInfo? remembered, WKChannelFlagChanges changes)
        {
            var info = new WKChannelInfo { ChannelId = channelId, ChannelType = channelType };
            var fromMemory = new List<string>();
            var unknown = new List<string>();

            // Readable flags: the server's value, else (no record) what we wrote, else off.
            info.Ban = changes.Ban ?? current?.Ban ?? remembered?.Ban ?? false;
            info.Disband = changes.Disband ?? current?.Disband ?? remembered?.Disband ?? false;

            info.Large = Unreadable("Large", changes.Large, remembered?.Large, fromMemory, unknown);
            info.SendBan = Unreadable("SendBan", changes.SendBan, remembered?.SendBan, fromMemory, unknown);
            info.AllowStranger = Unreadable("AllowStranger", changes.AllowStranger, remembered?.AllowStranger, fromMemory, unknown);
            return new WKChannelFlagPlan(info, current != null, fromMemory, unknown);
        }

        private static bool Unreadable(string name, bool? named, bool? remembered, List<string> fromMemory, List<string> unknown)
        {
            if (named.HasValue)
            {
                return named.Value;
            }
            if (remembered.HasValue)
            {
                fromMemory.Add(name);
                return remembered.Value;
            }
            unknown.Add(name);
            return false;
        }

        /// <summary>The flags as text, e.g. <c>Ban=1 Disband=0 SendBan=0 Large=0 AllowStranger=0</c>.</summary>
        public static string Describe(WKChannelInfo info) =>
            "Ban=" + Bit(info.Ban) + " Disband=" + Bit(info.Disband) + " SendBan=" + Bit(info.SendBan) + " Large=" + Bit(info.Large) + " AllowStranger=" + Bit(info.AllowStranger);

        private static string Bit(bool value) => value ? "1" : "0";
    }
}
