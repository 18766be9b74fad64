using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace WuKongIM.Emulator.Core
{
    public enum GoType { String, Int, Int64, Int32, Uint8, Uint32, Uint64, Bytes, StringSlice, Int64Slice, Uint64Slice, Uint32Slice, Uint8Slice, Raw, Object, ObjectSlice, StringMap }

    public sealed record GoField(string Name, GoType Type, string? TypeName = null, GoStruct? Nested = null);

    /// <summary>A Go request struct: its package and name (for error texts) and its JSON fields.</summary>
    public sealed class GoStruct
    {
        public GoStruct(string package, string name, params GoField[] fields)
        {
            Package = package;
            Name = name;
            Fields = fields;
        }

        public string Package { get; }
        public string Name { get; }
        public IReadOnlyList<GoField> Fields { get; }

        public GoField? Find(string jsonKey)
        {
            GoField? folded = null;
            foreach (GoField f in Fields)
            {
                if (f.Name == jsonKey) return f;
                if (folded == null && string.Equals(f.Name, jsonKey, StringComparison.OrdinalIgnoreCase)) folded = f;
            }
            return folded;
        }
    }

    /// <summary>A decoded request: zero values for absent fields, as in Go.</summary>
    public sealed class GoObject
    {
        private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

        internal void Set(string name, object? value) => _values[name] = value;

        public bool Has(string name) => _values.ContainsKey(name) && _values[name] != null;
        public string Str(string name) => _values.TryGetValue(name, out var v) && v is string s ? s : string.Empty;
        public long Int(string name) => _values.TryGetValue(name, out var v) && v is long l ? l : 0;
        public ulong U64(string name) => _values.TryGetValue(name, out var v) && v is ulong u ? u : 0;
        public byte U8(string name) => (byte)(_values.TryGetValue(name, out var v) && v is ulong u ? u : 0);
        public uint U32(string name) => (uint)(_values.TryGetValue(name, out var v) && v is ulong u ? u : 0);
        public byte[]? Bytes(string name) => _values.TryGetValue(name, out var v) ? v as byte[] : null;
        public List<string>? Strings(string name) => _values.TryGetValue(name, out var v) ? v as List<string> : null;
        public List<long>? Ints(string name) => _values.TryGetValue(name, out var v) ? v as List<long> : null;
        public List<ulong>? Uints(string name) => _values.TryGetValue(name, out var v) ? v as List<ulong> : null;
        public GoValue? Raw(string name) => _values.TryGetValue(name, out var v) ? v as GoValue : null;
        public GoObject? Obj(string name) => _values.TryGetValue(name, out var v) ? v as GoObject : null;
        public List<GoObject>? Objs(string name) => _values.TryGetValue(name, out var v) ? v as List<GoObject> : null;
        public Dictionary<string, string>? Map(string name) => _values.TryGetValue(name, out var v) ? v as Dictionary<string, string> : null;
    }

    /// <summary>
    /// Binds a parsed body to a Go struct description with encoding/json's rules: unknown keys ignored, null leaves the zero
    /// value, type mismatches reported as "json: cannot unmarshal X into Go struct field S.f of type T" (the first one in
    /// document order, after the whole value was read), base64 errors as "illegal base64 data at input byte N".
    /// </summary>
    public static class GoBinder
    {
        public static GoObject Decode(byte[] body, GoStruct type) => Bind(GoJsonParser.Parse(body), type);

        public static GoObject Bind(GoValue root, GoStruct type)
        {
            var result = new GoObject();
            if (root.Kind == GoValueKind.Null)
            {
                return result;
            }
            if (root.Kind != GoValueKind.Object)
            {
                throw new GoJsonException("json: cannot unmarshal " + root.KindName + " into Go value of type " + type.Package + "." + type.Name);
            }
            string? firstError = null;
            BindInto(root, type, type.Name, string.Empty, result, ref firstError);
            if (firstError != null)
            {
                throw new GoJsonException(firstError);
            }
            return result;
        }

        /// <summary>A body that is a JSON array of strings (decoded into a Go []string). Null yields null.</summary>
        public static List<string>? DecodeStringArray(byte[] body)
        {
            GoValue root = GoJsonParser.Parse(body);
            if (root.Kind == GoValueKind.Null)
            {
                return null;
            }
            if (root.Kind != GoValueKind.Array)
            {
                throw new GoJsonException("json: cannot unmarshal " + root.KindName + " into Go value of type []string");
            }
            var list = new List<string>();
            foreach (GoValue item in root.Items)
            {
                if (item.Kind == GoValueKind.String) list.Add(item.Text);
                else if (item.Kind == GoValueKind.Null) list.Add(string.Empty);
                else throw new GoJsonException("json: cannot unmarshal " + item.KindName + " into Go value of type string");
            }
            return list;
        }

        private static void BindInto(GoValue obj, GoStruct type, string structName, string prefix, GoObject target, ref string? firstError)
        {
            foreach (var member in obj.Members)
            {
                GoField? field = type.Find(member.Key);
                if (field == null)
                {
                    continue;
                }
                string path = prefix + field.Name;
                object? value = Convert(member.Value, field, structName, path, ref firstError);
                if (member.Value.Kind == GoValueKind.Null)
                {
                    continue;
                }
                target.Set(field.Name, value);
            }
        }

        private static object? Convert(GoValue v, GoField field, string structName, string path, ref string? firstError)
        {
            if (v.Kind == GoValueKind.Null)
            {
                return null;
            }
            string typeName = field.TypeName ?? DefaultTypeName(field.Type);
            switch (field.Type)
            {
                case GoType.String:
                    if (v.Kind == GoValueKind.String) return v.Text;
                    return Fail(v.KindName, structName, path, typeName, ref firstError);
                case GoType.Int:
                case GoType.Int64:
                case GoType.Int32:
                case GoType.Uint8:
                case GoType.Uint32:
                case GoType.Uint64:
                    return Number(v, field.Type, structName, path, typeName, ref firstError);
                case GoType.Bytes:
                    if (v.Kind == GoValueKind.String)
                    {
                        try
                        {
                            return GoBase64.Decode(v.Text);
                        }
                        catch (GoJsonException ex)
                        {
                            firstError ??= ex.Message;
                            return null;
                        }
                    }
                    if (v.Kind == GoValueKind.Array)
                    {
                        return Slice(v, GoType.Uint8, structName, path, "uint8", ref firstError) is List<ulong> bytes ? bytes.ConvertAll(b => (byte)b).ToArray() : null;
                    }
                    return Fail(v.KindName, structName, path, "[]uint8", ref firstError);
                case GoType.StringSlice:
                    if (v.Kind != GoValueKind.Array) return Fail(v.KindName, structName, path, typeName, ref firstError);
                    var strings = new List<string>();
                    foreach (GoValue item in v.Items)
                    {
                        if (item.Kind == GoValueKind.String) strings.Add(item.Text);
                        else if (item.Kind == GoValueKind.Null) strings.Add(string.Empty);
                        else Fail(item.KindName, structName, path, "string", ref firstError);
                    }
                    return strings;
                case GoType.Int64Slice:
                    if (v.Kind != GoValueKind.Array) return Fail(v.KindName, structName, path, typeName, ref firstError);
                    return SignedSlice(v, structName, path, ref firstError);
                case GoType.Uint64Slice:
                    return Slice(v, GoType.Uint64, structName, path, typeName, ref firstError);
                case GoType.Uint32Slice:
                    return Slice(v, GoType.Uint32, structName, path, typeName, ref firstError);
                case GoType.Uint8Slice:
                    return Slice(v, GoType.Uint8, structName, path, typeName, ref firstError);
                case GoType.Raw:
                    return v;
                case GoType.Object:
                    if (v.Kind != GoValueKind.Object) return Fail(v.KindName, structName, path, typeName, ref firstError);
                    var nested = new GoObject();
                    BindInto(v, field.Nested!, structName, path + ".", nested, ref firstError);
                    return nested;
                case GoType.ObjectSlice:
                    if (v.Kind != GoValueKind.Array) return Fail(v.KindName, structName, path, typeName, ref firstError);
                    var list = new List<GoObject>();
                    foreach (GoValue item in v.Items)
                    {
                        var element = new GoObject();
                        if (item.Kind == GoValueKind.Object) BindInto(item, field.Nested!, structName, path + ".", element, ref firstError);
                        else if (item.Kind != GoValueKind.Null) Fail(item.KindName, structName, path, field.Nested!.Package + "." + field.Nested.Name, ref firstError);
                        list.Add(element);
                    }
                    return list;
                case GoType.StringMap:
                    if (v.Kind != GoValueKind.Object) return Fail(v.KindName, structName, path, typeName, ref firstError);
                    var map = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var m in v.Members)
                    {
                        if (m.Value.Kind == GoValueKind.String) map[m.Key] = m.Value.Text;
                        else if (m.Value.Kind != GoValueKind.Null) Fail(m.Value.KindName, structName, path + "." + m.Key, "string", ref firstError);
                    }
                    return map;
                default:
                    return null;
            }
        }

        private static List<long> SignedSlice(GoValue v, string structName, string path, ref string? firstError)
        {
            var list = new List<long>();
            foreach (GoValue item in v.Items)
            {
                if (Number(item, GoType.Int64, structName, path, "int64", ref firstError) is long l) list.Add(l);
            }
            return list;
        }

        private static List<ulong>? Slice(GoValue v, GoType element, string structName, string path, string typeName, ref string? firstError)
        {
            if (v.Kind != GoValueKind.Array)
            {
                Fail(v.KindName, structName, path, typeName, ref firstError);
                return null;
            }
            var list = new List<ulong>();
            string elementName = DefaultTypeName(element);
            foreach (GoValue item in v.Items)
            {
                if (Number(item, element, structName, path, elementName, ref firstError) is ulong u) list.Add(u);
            }
            return list;
        }

        private static object? Number(GoValue v, GoType type, string structName, string path, string typeName, ref string? firstError)
        {
            if (v.Kind != GoValueKind.Number)
            {
                return Fail(v.KindName, structName, path, typeName, ref firstError);
            }
            bool integral = v.Text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
            if (!integral || !BigInteger.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger n))
            {
                return Fail("number " + v.Text, structName, path, typeName, ref firstError);
            }
            (BigInteger min, BigInteger max) = type switch
            {
                GoType.Uint8 => (BigInteger.Zero, new BigInteger(byte.MaxValue)),
                GoType.Uint32 => (BigInteger.Zero, new BigInteger(uint.MaxValue)),
                GoType.Uint64 => (BigInteger.Zero, new BigInteger(ulong.MaxValue)),
                GoType.Int32 => (new BigInteger(int.MinValue), new BigInteger(int.MaxValue)),
                _ => (new BigInteger(long.MinValue), new BigInteger(long.MaxValue)),
            };
            if (n < min || n > max)
            {
                return Fail("number " + v.Text, structName, path, typeName, ref firstError);
            }
            return type is GoType.Uint8 or GoType.Uint32 or GoType.Uint64 ? (object)(ulong)n : (long)n;
        }

        private static object? Fail(string what, string structName, string path, string typeName, ref string? firstError)
        {
            firstError ??= "json: cannot unmarshal " + what + " into Go struct field " + structName + "." + path + " of type " + typeName;
            return null;
        }

        private static string DefaultTypeName(GoType type) => type switch
        {
            GoType.String => "string",
            GoType.Int => "int",
            GoType.Int64 => "int64",
            GoType.Int32 => "int32",
            GoType.Uint8 => "uint8",
            GoType.Uint32 => "uint32",
            GoType.Uint64 => "uint64",
            GoType.Bytes => "[]uint8",
            GoType.StringSlice => "[]string",
            GoType.Int64Slice => "[]int64",
            GoType.Uint64Slice => "[]uint64",
            GoType.Uint32Slice => "[]uint32",
            GoType.Uint8Slice => "[]uint8",
            GoType.StringMap => "map[string]string",
            _ => "struct",
        };
    }

    /// <summary>Go's base64.StdEncoding.Decode: standard alphabet, '=' padding required, CR/LF ignored.</summary>
    public static class GoBase64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        public static byte[] Decode(string text)
        {
            var output = new List<byte>(text.Length * 3 / 4);
            int si = 0;
            while (si < text.Length)
            {
                int[] quantum = new int[4];
                int j = 0;
                int padding = 0;
                while (j < 4)
                {
                    if (si >= text.Length)
                    {
                        if (j == 0) return output.ToArray();
                        throw Corrupt(si - j);
                    }
                    char c = text[si++];
                    if (c == '\r' || c == '\n')
                    {
                        continue;
                    }
                    int value = Alphabet.IndexOf(c);
                    if (value >= 0 && padding == 0)
                    {
                        quantum[j++] = value;
                        continue;
                    }
                    if (c == '=' && j >= 2)
                    {
                        // "xx==" or "xxx=" ends the input.
                        padding = 4 - j;
                        for (int k = 1; k < padding; k++)
                        {
                            while (si < text.Length && (text[si] == '\r' || text[si] == '\n')) si++;
                            if (si >= text.Length) throw Corrupt(text.Length);
                            if (text[si] != '=') throw Corrupt(si);
                            si++;
                        }
                        while (si < text.Length && (text[si] == '\r' || text[si] == '\n')) si++;
                        if (si < text.Length) throw Corrupt(si);
                        int bits = (quantum[0] << 18) | (quantum[1] << 12) | (j > 2 ? quantum[2] << 6 : 0);
                        output.Add((byte)(bits >> 16));
                        if (j == 3) output.Add((byte)(bits >> 8));
                        return output.ToArray();
                    }
                    throw Corrupt(si - 1);
                }
                int all = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
                output.Add((byte)(all >> 16));
                output.Add((byte)(all >> 8));
                output.Add((byte)all);
            }
            return output.ToArray();
        }

        private static GoJsonException Corrupt(int index) =>
            new GoJsonException("illegal base64 data at input byte " + index.ToString(CultureInfo.InvariantCulture));
    }
}
