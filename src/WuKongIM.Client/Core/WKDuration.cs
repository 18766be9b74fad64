using System;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>
    /// Reads the duration texts of <c>/connz</c> and <c>/varz</c> (<c>1d2h3m4s</c>, <c>5m3s</c>, <c>7s</c>, with years as
    /// <c>1y</c>) and Go's own <c>time.Duration</c> form (<c>1h2m3.5s</c>, <c>500ms</c>, <c>1.5µs</c>), so uptimes sort and
    /// compare as TimeSpans.
    /// </summary>
    public static class WKDuration
    {
        /// <summary>The duration, or null when <paramref name="text"/> is empty or not a duration.</summary>
        public static TimeSpan? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            string s = text!.Trim();
            bool negative = s[0] == '-';
            int i = negative || s[0] == '+' ? 1 : 0;
            if (i >= s.Length)
            {
                return null;
            }
            decimal ticks = 0;
            while (i < s.Length)
            {
                int start = i;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }
                if (i == start || !decimal.TryParse(s.Substring(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
                {
                    return null;
                }
                int unitStart = i;
                while (i < s.Length && !char.IsDigit(s[i]) && s[i] != '.')
                {
                    i++;
                }
                decimal? unit = TicksPer(s.Substring(unitStart, i - unitStart));
                if (unit == null)
                {
                    return null;
                }
                ticks += number * unit.Value;
                if (ticks > TimeSpan.MaxValue.Ticks)
                {
                    return null;
                }
            }
            long whole = (long)decimal.Round(ticks);
            return TimeSpan.FromTicks(negative ? -whole : whole);
        }

        private static decimal? TicksPer(string unit) => unit switch
        {
            "y" => TimeSpan.TicksPerDay * 365m,
            "d" => TimeSpan.TicksPerDay,
            "h" => TimeSpan.TicksPerHour,
            "m" => TimeSpan.TicksPerMinute,
            "s" => TimeSpan.TicksPerSecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "us" or "\u00b5s" or "\u03bcs" => 10m,
            "ns" => 0.01m,
            _ => null,
        };
    }
}
