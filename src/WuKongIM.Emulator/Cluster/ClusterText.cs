using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>Small shared helpers of the /cluster routes: Go's strconv errors, omitempty objects, formats.</summary>
    public static class ClusterText
    {
        /// <summary>strconv.ParseUint(text, 10, bits): the value, or Go's error text.</summary>
        public static bool TryParseUint(string text, int bits, out ulong value, out string error)
        {
            error = string.Empty;
            if (text.Length > 0 && text.All(char.IsAsciiDigit))
            {
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && (bits == 64 || value <= (1UL << bits) - 1))
                {
                    return true;
                }
                error = "strconv.ParseUint: parsing \"" + text + "\": value out of range";
                value = 0;
                return false;
            }
            value = 0;
            error = "strconv.ParseUint: parsing \"" + text + "\": invalid syntax";
            return false;
        }

        /// <summary>wkutil.ParseUint32 and friends: anything unparsable is 0.</summary>
        public static ulong Lenient(string text) => ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : 0;

        /// <summary>Adds the key only when the value is not Go's zero value (encoding/json omitempty).</summary>
        public static Dictionary<string, object?> OmitEmpty(this Dictionary<string, object?> d, string key, object? value)
        {
            bool empty = value switch
            {
                null => true,
                string s => s.Length == 0,
                bool b => !b,
                int i => i == 0,
                long l => l == 0,
                uint u => u == 0,
                ulong ul => ul == 0,
                byte by => by == 0,
                System.Collections.ICollection c => c.Count == 0,
                _ => false,
            };
            if (!empty) d[key] = value;
            return d;
        }

        /// <summary>Server-local <c>YYYY-MM-DD HH:MM:SS</c> (channel cluster configs and logs; the emulator's local time is UTC).</summary>
        public static string Seconds(long unixNanos) =>
            unixNanos <= 0 ? string.Empty : DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        public static string ChannelTypeFormat(byte type) => type switch
        {
            1 => "个人",
            2 => "群组",
            3 => "客服",
            4 => "社区",
            6 => "资讯",
            7 => "数据",
            _ => "未知(" + type.ToString(CultureInfo.InvariantCulture) + ")",
        };
    }
}
