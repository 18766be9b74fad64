using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>
    /// Bytes in an output object (a message payload). It reads like a byte array (index, Length, enumeration, and it
    /// converts to byte[]), and its ToString is the standard base64 the server uses, so Export-Csv shows the bytes.
    /// </summary>
    [JsonConverter(typeof(WKBinaryJsonConverter))]
    public sealed class WKBinary : IReadOnlyList<byte>, IEquatable<WKBinary>
    {
        private readonly byte[] _bytes;

        public WKBinary(byte[] bytes) => _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

        public static WKBinary Empty { get; } = new WKBinary(Array.Empty<byte>());

        public int Length => _bytes.Length;
        public int Count => _bytes.Length;
        public byte this[int index] => _bytes[index];

        /// <summary>The bytes themselves, without a copy (for the client's own writers).</summary>
        internal byte[] Bytes => _bytes;

        /// <summary>A copy of the bytes.</summary>
        public byte[] ToArray() => (byte[])_bytes.Clone();

        public string ToBase64() => Convert.ToBase64String(_bytes);

        public override string ToString() => ToBase64();

        public static implicit operator byte[](WKBinary value) => value.ToArray();

        public static implicit operator WKBinary(byte[] bytes) => new WKBinary(bytes);

        public IEnumerator<byte> GetEnumerator() => ((IEnumerable<byte>)_bytes).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _bytes.GetEnumerator();

        public bool Equals(WKBinary? other)
        {
            if (other is null || other._bytes.Length != _bytes.Length)
            {
                return false;
            }
            for (int i = 0; i < _bytes.Length; i++)
            {
                if (_bytes[i] != other._bytes[i])
                {
                    return false;
                }
            }
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as WKBinary);

        public override int GetHashCode()
        {
            int hash = _bytes.Length;
            for (int i = 0; i < Math.Min(_bytes.Length, 32); i++)
            {
                hash = (hash * 31) + _bytes[i];
            }
            return hash;
        }
    }

    /// <summary>Reads and writes <see cref="WKBinary"/> as a base64 string, as byte[] is.</summary>
    public sealed class WKBinaryJsonConverter : JsonConverter<WKBinary>
    {
        public override WKBinary? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : new WKBinary(reader.GetBytesFromBase64());

        public override void Write(Utf8JsonWriter writer, WKBinary value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value.Bytes);
    }
}
