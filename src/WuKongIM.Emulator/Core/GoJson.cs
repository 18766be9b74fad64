using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace WuKongIM.Emulator.Core
{
    /// <summary>A decode failure, carrying the text Go's encoding/json (or encoding/base64) would report.</summary>
    public sealed class GoJsonException : Exception
    {
        public GoJsonException(string goMessage) : base(goMessage) { }
    }

    public enum GoValueKind { Null, Bool, Number, String, Array, Object }

    /// <summary>A parsed JSON value that keeps number literals as text, so range errors can be reported the way Go does.</summary>
    public sealed class GoValue
    {
        public GoValueKind Kind { get; init; }
        public bool Bool { get; init; }
        public string Text { get; init; } = string.Empty;
        public List<GoValue> Items { get; init; } = new();
        public List<KeyValuePair<string, GoValue>> Members { get; init; } = new();
        /// <summary>The exact source text of this value (used for raw JSON fields such as /message/event payload).</summary>
        public string Raw { get; init; } = string.Empty;

        public string KindName => Kind switch
        {
            GoValueKind.Bool => "bool",
            GoValueKind.Number => "number",
            GoValueKind.String => "string",
            GoValueKind.Array => "array",
            GoValueKind.Object => "object",
            _ => "null",
        };

        /// <summary>Go matches JSON keys to struct fields case-insensitively, preferring an exact match; the last duplicate wins.</summary>
        public GoValue? Member(string name)
        {
            GoValue? exact = null, folded = null;
            foreach (var m in Members)
            {
                if (m.Key == name)
                {
                    exact = m.Value;
                }
                else if (string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    folded = m.Value;
                }
            }
            return exact ?? folded;
        }
    }

    /// <summary>
    /// Reads one JSON value the way Go's json.Decoder does: the first value only (trailing bytes ignored), an empty body is
    /// "EOF", a truncated one "unexpected EOF", and syntax errors use Go's wording.
    /// </summary>
    public static class GoJsonParser
    {
        public static GoValue Parse(byte[] body)
        {
            string text = Encoding.UTF8.GetString(body);
            int i = 0;
            SkipSpace(text, ref i);
            if (i >= text.Length)
            {
                throw new GoJsonException("EOF");
            }
            return ParseValue(text, ref i, "looking for beginning of value");
        }

        private static void SkipSpace(string s, ref int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            {
                i++;
            }
        }

        private static GoJsonException Invalid(char c, string context) =>
            new GoJsonException("invalid character " + Quote(c) + " " + context);

        private static string Quote(char c) => c switch
        {
            '\'' => "'\\''",
            '"' => "'\"'",
            '\n' => "'\\n'",
            '\r' => "'\\r'",
            '\t' => "'\\t'",
            _ => "'" + c + "'",
        };

        private static GoValue ParseValue(string s, ref int i, string context)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length)
            {
                throw new GoJsonException("unexpected EOF");
            }
            int start = i;
            char c = s[i];
            switch (c)
            {
                case '{':
                    return ParseObject(s, ref i);
                case '[':
                    return ParseArray(s, ref i);
                case '"':
                    string str = ParseString(s, ref i);
                    return new GoValue { Kind = GoValueKind.String, Text = str, Raw = s.Substring(start, i - start) };
                case 't':
                    Expect(s, ref i, "true");
                    return new GoValue { Kind = GoValueKind.Bool, Bool = true, Raw = "true" };
                case 'f':
                    Expect(s, ref i, "false");
                    return new GoValue { Kind = GoValueKind.Bool, Bool = false, Raw = "false" };
                case 'n':
                    Expect(s, ref i, "null");
                    return new GoValue { Kind = GoValueKind.Null, Raw = "null" };
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        string number = ParseNumber(s, ref i);
                        return new GoValue { Kind = GoValueKind.Number, Text = number, Raw = number };
                    }
                    throw Invalid(c, context);
            }
        }

        private static void Expect(string s, ref int i, string literal)
        {
            for (int k = 0; k < literal.Length; k++, i++)
            {
                if (i >= s.Length)
                {
                    throw new GoJsonException("unexpected EOF");
                }
                if (s[i] != literal[k])
                {
                    throw Invalid(s[i], "in literal " + literal + " (expecting " + Quote(literal[k]) + ")");
                }
            }
        }

        private static string ParseNumber(string s, ref int i)
        {
            int start = i;
            if (s[i] == '-')
            {
                i++;
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] < '0' || s[i] > '9') throw Invalid(s[i], "in numeric literal");
            }
            if (s[i] == '0')
            {
                i++;
            }
            else
            {
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            }
            if (i < s.Length && s[i] == '.')
            {
                i++;
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] < '0' || s[i] > '9') throw Invalid(s[i], "after decimal point in numeric literal");
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            }
            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] < '0' || s[i] > '9') throw Invalid(s[i], "in exponent of numeric literal");
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            }
            return s.Substring(start, i - start);
        }

        private static string ParseString(string s, ref int i)
        {
            i++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                char c = s[i++];
                if (c == '"') return sb.ToString();
                if (c < 0x20) throw Invalid(c, "in string literal");
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                char e = s[i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (i + 4 > s.Length) throw new GoJsonException("unexpected EOF");
                        string hex = s.Substring(i, 4);
                        if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        {
                            foreach (char h in hex)
                            {
                                if (!Uri.IsHexDigit(h)) throw Invalid(h, "in \\u hexadecimal character escape");
                            }
                        }
                        sb.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw Invalid(e, "in string escape code");
                }
            }
        }

        private static GoValue ParseObject(string s, ref int i)
        {
            int start = i;
            i++;
            var members = new List<KeyValuePair<string, GoValue>>();
            SkipSpace(s, ref i);
            if (i >= s.Length) throw new GoJsonException("unexpected EOF");
            if (s[i] == '}')
            {
                i++;
                return new GoValue { Kind = GoValueKind.Object, Members = members, Raw = s.Substring(start, i - start) };
            }
            while (true)
            {
                SkipSpace(s, ref i);
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] != '"') throw Invalid(s[i], "looking for beginning of object key string");
                string key = ParseString(s, ref i);
                SkipSpace(s, ref i);
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] != ':') throw Invalid(s[i], "after object key");
                i++;
                GoValue value = ParseValue(s, ref i, "looking for beginning of value");
                members.Add(new KeyValuePair<string, GoValue>(key, value));
                SkipSpace(s, ref i);
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] == ',') { i++; continue; }
                if (s[i] == '}') { i++; break; }
                throw Invalid(s[i], "after object key:value pair");
            }
            return new GoValue { Kind = GoValueKind.Object, Members = members, Raw = s.Substring(start, i - start) };
        }

        private static GoValue ParseArray(string s, ref int i)
        {
            int start = i;
            i++;
            var items = new List<GoValue>();
            SkipSpace(s, ref i);
            if (i >= s.Length) throw new GoJsonException("unexpected EOF");
            if (s[i] == ']')
            {
                i++;
                return new GoValue { Kind = GoValueKind.Array, Items = items, Raw = s.Substring(start, i - start) };
            }
            while (true)
            {
                items.Add(ParseValue(s, ref i, "looking for beginning of value"));
                SkipSpace(s, ref i);
                if (i >= s.Length) throw new GoJsonException("unexpected EOF");
                if (s[i] == ',') { i++; continue; }
                if (s[i] == ']') { i++; break; }
                throw Invalid(s[i], "after array element");
            }
            return new GoValue { Kind = GoValueKind.Array, Items = items, Raw = s.Substring(start, i - start) };
        }
    }
}
