using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WuKongIM.Client
{
    /// <summary>How the server names stored channels (wukongim-api.md §2.2, §3.7).</summary>
    public static class WKChannelIds
    {
        public const string SystemUid = "____system";
        public const string CommandSuffix = "____cmd";

        private static readonly uint[] CrcTable = BuildTable();

        /// <summary>CRC-32/IEEE of the UTF-8 bytes (zlib.crc32, Go crc32.ChecksumIEEE).</summary>
        public static uint Crc32(string text)
        {
            uint crc = 0xFFFFFFFFu;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }
            return ~crc;
        }

        /// <summary>The stored id of the person channel between two uids: the uid with the larger CRC-32 goes first.</summary>
        public static string PersonChannelId(string uidA, string uidB) => Crc32(uidA) > Crc32(uidB) ? uidA + "@" + uidB : uidB + "@" + uidA;

        /// <summary>
        /// Where a message sent by <paramref name="fromUid"/> (the system uid when empty) to a channel is stored: person →
        /// the derived id, agent → from@channel, others → the id itself; command (sync_once) messages get the ____cmd suffix.
        /// </summary>
        public static string StoredChannelId(string channelId, WKChannelType channelType, string? fromUid, bool command = false)
        {
            string from = string.IsNullOrWhiteSpace(fromUid) ? SystemUid : fromUid!;
            string stored = channelType switch
            {
                WKChannelType.Person => channelId.IndexOf('@') >= 0 ? channelId : PersonChannelId(from, channelId),
                WKChannelType.Agent => from + "@" + channelId,
                _ => channelId,
            };
            return command && channelType != WKChannelType.Temp ? stored + CommandSuffix : stored;
        }

        /// <summary>True when the id contains a character the server refuses in ids (@ # &amp;).</summary>
        public static bool HasSpecialChar(string id) => id.IndexOfAny(new[] { '@', '#', '&' }) >= 0;

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
