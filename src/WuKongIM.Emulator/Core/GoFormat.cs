using System;
using System.Globalization;
using System.Text;

namespace WuKongIM.Emulator.Core
{
    /// <summary>Formatting helpers that match the server's Go output.</summary>
    public static class GoFormat
    {
        /// <summary>Durations as /connz and /varz print them: 1d2h3m4s, 5m3s, 7s.</summary>
        public static string Duration(TimeSpan d)
        {
            long total = (long)Math.Max(0, d.TotalSeconds);
            long days = total / 86400, hours = total % 86400 / 3600, minutes = total % 3600 / 60, seconds = total % 60;
            var sb = new StringBuilder();
            if (days > 0) sb.Append(days).Append('d');
            if (days > 0 || hours > 0) sb.Append(hours).Append('h');
            if (days > 0 || hours > 0 || minutes > 0) sb.Append(minutes).Append('m');
            sb.Append(seconds).Append('s');
            return sb.ToString();
        }

        /// <summary>The server-local "YYYY-MM-DD HH:MM" strings of the /cluster API (the emulator's local time is UTC).</summary>
        public static string Minutes(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        public static long UnixNanos(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
    }
}
