using System.Collections;
using System.Linq;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.Client.Tests
{
    /// <summary>The plain logic the message cmdlets rely on: event payloads, file templates, misses and batch results.</summary>
    public sealed class MessageHelpersTests
    {
        [Fact]
        public void Event_text_becomes_a_delta_or_a_snapshot_payload_and_other_types_need_a_payload()
        {
            using (var delta = System.Text.Json.JsonDocument.Parse(WKPayload.EventPayloadJson("Stream.Delta", "hi \"x\"", null)!))
            {
                Assert.Equal("text", delta.RootElement.GetProperty("kind").GetString());
                Assert.Equal("hi \"x\"", delta.RootElement.GetProperty("delta").GetString());
            }
            Assert.Equal("{\"kind\":\"text\",\"text\":\"all\"}", WKPayload.EventPayloadJson("stream.snapshot", "all", null));
            Assert.Throws<WKValidationException>(() => WKPayload.EventPayloadJson("stream.close", "x", null));
            Assert.Throws<WKValidationException>(() => WKPayload.EventPayloadJson("stream.delta", "x", new Hashtable()));
            Assert.Equal("{\"end_reason\":1}", WKPayload.EventPayloadJson("stream.close", null, new Hashtable { ["end_reason"] = 1 }));
            Assert.Equal("[1,2]", WKPayload.EventPayloadJson("custom", null, "[1,2]"));
            Assert.Null(WKPayload.EventPayloadJson("stream.finish", null, null));
        }

        [Fact]
        public void Export_path_templates_expand_per_channel_with_safe_file_names()
        {
            Assert.Equal("/a/g1-Group.jsonl", WKMessageExporter.ExpandPath("/a/{ChannelId}-{ChannelType}.jsonl", "g1", WKChannelType.Group));
            Assert.Equal("/a/x_y_z.csv", WKMessageExporter.ExpandPath("/a/{ChannelId}.csv", "x/y:z", WKChannelType.Person));
            Assert.Equal("fixed.jsonl", WKMessageExporter.ExpandPath("fixed.jsonl", "g1", WKChannelType.Group));
        }

        [Fact]
        public void Misses_are_listed_once_each_in_request_order()
        {
            var found = new[] { new WKMessage { MessageId = 7, MessageSeq = 2 } };
            Assert.Equal(new[] { "5", "9" }, WKMessageMatch.MissingIds(new long[] { 5, 7, 9, 5 }, found));
            Assert.Equal(new[] { "1", "3" }, WKMessageMatch.MissingSeqs(new ulong[] { 1, 2, 3 }, found));
        }

        [Fact]
        public void Batch_results_pair_failed_uids_with_their_reasons_and_keep_the_request_order()
        {
            var items = MessagesApi.BatchItems("s", new[] { "a", "b@x", "c", "b@x" }, new[] { "b@x", "b@x" }, new[] { "r1", "r2" });
            Assert.Equal(new[] { true, false, true, false }, items.Select(i => i.Succeeded));
            Assert.Equal(new[] { null, "r1", null, "r2" }, items.Select(i => i.Reason));
            Assert.All(items, i => Assert.Equal("s", i.FromUid));
        }

        [Fact]
        public void Text_decoding_refuses_invalid_utf8_and_control_characters()
        {
            Assert.Equal("héllo\n", WKPayload.TryDecodeText(System.Text.Encoding.UTF8.GetBytes("héllo\n")));
            Assert.Null(WKPayload.TryDecodeText(new byte[] { 0xC3, 0x28 }));
            Assert.Null(WKPayload.TryDecodeText(new byte[] { 0x41, 0x00, 0x42 }));
            Assert.Equal("a b...", WKPayload.OneLine("a\nbcdef", 3));
        }
    }
}
