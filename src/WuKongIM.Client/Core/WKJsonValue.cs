using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;

namespace WuKongIM.Client
{
    /// <summary>
    /// Turns any JSON answer into plain .NET values (ordered dictionaries, arrays, strings, exact integers), for the raw
    /// escape hatch. Integers stay exact: long, then ulong, then decimal; never through double.
    /// </summary>
    public static class WKJsonValue
    {
        public static object? Parse(byte[] body)
        {
            if (body.Length == 0)
            {
                return null;
            }
            using JsonDocument doc = JsonDocument.Parse(body);
            return Convert(doc.RootElement);
        }

        public static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var dict = new WKJsonObject();
                    foreach (JsonProperty p in element.EnumerateObject())
                    {
                        dict[p.Name] = Convert(p.Value);
                    }
                    return dict;
                case JsonValueKind.Array:
                    var list = new WKJsonArray();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        list.Add(Convert(item));
                    }
                    return list;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out long l))
                    {
                        return l;
                    }
                    if (element.TryGetUInt64(out ulong ul))
                    {
                        return ul;
                    }
                    if (element.TryGetDecimal(out decimal d))
                    {
                        return d;
                    }
                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>The deepest nesting a body may have (a self-referencing object never ends, so it is caught here too).</summary>
        public const int MaxDepth = 64;

        /// <summary>Serialises a value given to the escape hatch: a string is sent as it is (it must be JSON), anything else as JSON.</summary>
        public static byte[] ToBody(object? value)
        {
            if (value is string s)
            {
                byte[] text = System.Text.Encoding.UTF8.GetBytes(s);
                // Checked here rather than by the server: a text that is not JSON would only come back as a 400.
                try
                {
                    using (JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth }))
                    {
                    }
                }
                catch (JsonException ex)
                {
                    throw new WKInvalidInputException("WKBodyNotJson", "The body text is not JSON (" + ex.Message + "); pass an object to serialise, or a string of JSON.", "Body");
                }
                return text;
            }
            if (value is byte[] bytes)
            {
                return bytes;
            }
            using var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, value, 0);
            }
            return stream.ToArray();
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new WKInvalidInputException("WKBodyTooDeep", "The body is nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep, or refers to itself.", "Body");
            }
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case Enum e:
                    writer.WriteNumberValue(System.Convert.ToInt64(e, CultureInfo.InvariantCulture));
                    break;
                case byte or sbyte or short or ushort or int or long:
                    writer.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case uint or ulong:
                    writer.WriteNumberValue(System.Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                    break;
                case float or double:
                    double d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(d) || double.IsInfinity(d))
                    {
                        throw new WKValidationException("JSON has no NaN or Infinity; the body contains " + d.ToString(CultureInfo.InvariantCulture) + ".");
                    }
                    writer.WriteNumberValue(d);
                    break;
                case decimal m:
                    writer.WriteNumberValue(m);
                    break;
                case DateTimeOffset dto:
                    writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case DateTime dt:
                    writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case System.Collections.IDictionary map:
                    writer.WriteStartObject();
                    foreach (System.Collections.DictionaryEntry entry in map)
                    {
                        writer.WritePropertyName(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case System.Collections.IEnumerable items:
                    writer.WriteStartArray();
                    foreach (object? item in items)
                    {
                        Write(writer, item, depth + 1);
                    }
                    writer.WriteEndArray();
                    break;
                default:
                    throw new WKValidationException("Cannot send a value of type " + value.GetType().FullName + " as JSON; pass a hashtable, an array, a string of JSON or a primitive.");
            }
        }
    }

    /// <summary>A JSON object read by <see cref="WKJsonValue"/>: an ordered, case-insensitive dictionary whose text is its compact JSON.</summary>
    public sealed class WKJsonObject : OrderedDictionary
    {
        public WKJsonObject() : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        public override string ToString() => System.Text.Encoding.UTF8.GetString(WKJsonValue.ToBody(this));
    }

    /// <summary>A JSON array read by <see cref="WKJsonValue"/>, whose text is its compact JSON.</summary>
    public sealed class WKJsonArray : System.Collections.ObjectModel.Collection<object?>
    {
        public override string ToString() => System.Text.Encoding.UTF8.GetString(WKJsonValue.ToBody(this));
    }
}
