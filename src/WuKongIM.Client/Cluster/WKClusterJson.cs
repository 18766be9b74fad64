using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>Reads the 0/1 integers the /cluster routes use for flags (and a JSON boolean, as /cluster/info writes them).</summary>
    public sealed class WKIntBoolConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                case JsonTokenType.Null:
                    return false;
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out long n) && n == 1;
                default:
                    throw new JsonException("Expected 0/1 or a boolean, got " + reader.TokenType + ".");
            }
        }

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteNumberValue(value ? 1 : 0);
    }

    /// <summary>Reads a Go-style duration text (<c>3h2m5s</c>, <c>1d2h</c>, <c>12s</c>, <c>150ms</c>) as a TimeSpan; absent or empty is null.</summary>
    public sealed class WKDurationTextConverter : JsonConverter<TimeSpan?>
    {
        public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Expected a duration string, got " + reader.TokenType + ".");
            }
            string? text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            return WKDurationText.TryParse(text!, out TimeSpan value) ? value : throw new JsonException("Unreadable duration '" + text + "'.");
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
        {
            if (value.HasValue)
            {
                writer.WriteStringValue(WKDurationText.Format(value.Value));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Reads Unix nanoseconds (beyond 2^53, so never through a double) as a UTC time; 0 is null.</summary>
    public sealed class WKUnixNanosConverter : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            long nanos = reader.GetInt64();
            return nanos <= 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks(nanos / 100);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.HasValue ? (value.Value - DateTimeOffset.FromUnixTimeMilliseconds(0)).Ticks * 100 : 0);
    }

    /// <summary>Reads Unix seconds as a UTC time; 0 is null.</summary>
    public sealed class WKUnixSecondsConverter : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            long seconds = reader.GetInt64();
            return seconds <= 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.HasValue ? value.Value.ToUnixTimeSeconds() : 0);
    }

    /// <summary>Reads any JSON value as its text: a string as itself, anything else as its raw JSON (log <c>cmd</c> and <c>data</c>).</summary>
    public sealed class WKAnyAsTextConverter : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }
            using JsonDocument doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.GetRawText();
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value == null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }
    }

    /// <summary>Go duration texts as WuKongIM prints them: uptime (<c>1d2h3m4s</c>) and time.Duration.String (<c>1h2m3.5s</c>, <c>150ms</c>).</summary>
    public static class WKDurationText
    {
        public static bool TryParse(string text, out TimeSpan value)
        {
            value = TimeSpan.Zero;
            string s = text.Trim();
            if (s.Length == 0)
            {
                return false;
            }
            bool negative = s[0] == '-';
            if (negative)
            {
                s = s.Substring(1);
            }
            if (s == "0")
            {
                return true;
            }
            double ticks = 0;
            int i = 0;
            while (i < s.Length)
            {
                int start = i;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }
                if (i == start || !double.TryParse(s.Substring(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
                {
                    return false;
                }
                int unitStart = i;
                while (i < s.Length && !char.IsDigit(s[i]))
                {
                    i++;
                }
                double unitTicks;
                switch (s.Substring(unitStart, i - unitStart))
                {
                    case "y": unitTicks = TimeSpan.TicksPerDay * 365.0; break;
                    case "d": unitTicks = TimeSpan.TicksPerDay; break;
                    case "h": unitTicks = TimeSpan.TicksPerHour; break;
                    case "m": unitTicks = TimeSpan.TicksPerMinute; break;
                    case "s": unitTicks = TimeSpan.TicksPerSecond; break;
                    case "ms": unitTicks = TimeSpan.TicksPerMillisecond; break;
                    case "us":
                    case "\u00b5s":
                    case "\u03bcs": unitTicks = 10; break;
                    case "ns": unitTicks = 0.01; break;
                    default: return false;
                }
                ticks += number * unitTicks;
            }
            value = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
            return true;
        }

        /// <summary>The uptime style: days, hours, minutes, seconds, leaving out leading zero parts.</summary>
        public static string Format(TimeSpan value)
        {
            var sb = new System.Text.StringBuilder();
            if (value < TimeSpan.Zero)
            {
                sb.Append('-');
                value = value.Negate();
            }
            int sign = sb.Length;
            if (value.Days > 0)
            {
                sb.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('d');
            }
            if (sb.Length > sign || value.Hours > 0)
            {
                sb.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }
            if (sb.Length > sign || value.Minutes > 0)
            {
                sb.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }
            sb.Append(value.Seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
            return sb.ToString();
        }
    }
}
