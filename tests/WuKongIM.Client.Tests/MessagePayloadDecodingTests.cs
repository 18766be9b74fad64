using System.Collections;
using System.IO;
using System.Text;
using System.Text.Json;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>How a message's payload is decoded: text and JSON content each on their own first read, and the export's byte-level text rule.</summary>
    public sealed class MessagePayloadDecodingTests
    {
        [Fact]
        public void Reading_the_text_does_not_parse_the_payload_as_json_reading_the_content_does()
        {
            var m = new WKMessage { Payload = Encoding.UTF8.GetBytes("{\"type\":1,\"content\":\"hi\"}") };

            Assert.Equal("{\"type\":1,\"content\":\"hi\"}", m.Text);
            Assert.False(m.ContentParsed);

            var content = Assert.IsAssignableFrom<IDictionary>(m.Content);
            Assert.Equal("hi", content["content"]);
            Assert.True(m.ContentParsed);
        }

        [Fact]
        public void New_payload_bytes_replace_what_was_decoded_from_the_old_ones()
        {
            var m = new WKMessage { Payload = Encoding.UTF8.GetBytes("plain") };
            Assert.Null(m.Content);

            m.Payload = Encoding.UTF8.GetBytes("[1,2]");

            Assert.Equal("[1,2]", m.Text);
            Assert.IsAssignableFrom<IList>(m.Content);
        }

        public static TheoryData<byte[]> Payloads() => new TheoryData<byte[]>
        {
            new byte[0],
            Encoding.UTF8.GetBytes("plain ascii"),
            Encoding.UTF8.GetBytes("tab\tCR\rLF\n ok"),
            Encoding.UTF8.GetBytes("héllo 世界 😀"),
            Encoding.UTF8.GetBytes("\uFEFFwith a BOM"),
            new byte[] { (byte)'a', 0x00, (byte)'b' },
            new byte[] { (byte)'a', 0x1B, (byte)'b' },
            new byte[] { (byte)'a', 0x7F },
            new byte[] { 0xC3 },                     // cut multi-byte sequence
            new byte[] { 0xED, 0xA0, 0x80 },         // an encoded surrogate
            new byte[] { 0xC0, 0xAF },               // overlong
            new byte[] { 0xC2, 0x85 },               // C1 control (NEL): text, as before
            new byte[] { 0, 1, 0xFF, 0xFE },
        };

        [Theory]
        [MemberData(nameof(Payloads))]
        public void The_byte_level_text_check_agrees_with_the_decoder(byte[] payload)
        {
            Assert.Equal(WKPayload.TryDecodeText(payload) != null, WKPayload.IsText(payload));
        }

        [Theory]
        [MemberData(nameof(Payloads))]
        public void An_exported_line_holds_the_decoded_text_or_null(byte[] payload)
        {
            var m = new WKMessage { MessageSeq = 7, MessageId = 1234567890123456789, ChannelId = "g1", ChannelType = WKChannelType.Group, Payload = payload };
            using var output = new MemoryStream();

            WKMessageExporter.WriteJsonLine(output, m);
            WKMessageExporter.WriteJsonLine(output, m);

            string[] lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
            Assert.Equal(3, lines.Length);
            Assert.Equal(string.Empty, lines[2]);
            using JsonDocument doc = JsonDocument.Parse(lines[0]);
            JsonElement text = doc.RootElement.GetProperty("text");
            string? expected = WKPayload.TryDecodeText(payload);
            Assert.Equal(expected, text.ValueKind == JsonValueKind.Null ? null : text.GetString());
            Assert.Equal("1234567890123456789", doc.RootElement.GetProperty("message_idstr").GetString());
            Assert.Equal(lines[0], lines[1]);
            Assert.False(m.ContentParsed);
        }
    }
}
