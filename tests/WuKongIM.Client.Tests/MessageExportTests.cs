using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Client.Tests
{
    public sealed class MessageExportTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorFixture _emulator;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "wk-export-" + Guid.NewGuid().ToString("N"));

        public MessageExportTests(EmulatorFixture emulator)
        {
            _emulator = emulator;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private WKClient NewClient() => new WKClient(new WKClientOptions { BaseUri = _emulator.BaseUri });

        private static async Task<string> FillAsync(WKClient client, int count, Func<int, string>? text = null)
        {
            string channel = EmulatorFixture.NewId("g");
            for (int i = 1; i <= count; i++)
            {
                await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, FromUid = "u" + (i % 3), Payload = Encoding.UTF8.GetBytes(text?.Invoke(i) ?? "message " + i) });
            }
            return channel;
        }

        private static WKChannelMessageQuery Query(string channel, int pageSize = 50) => new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, PageSize = pageSize };

        private static List<ulong> JsonSeqs(string path) =>
            File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message_seq").GetUInt64()).ToList();

        [Fact]
        public async Task Json_lines_export_writes_every_message_once_in_order_with_exact_ids_and_payload()
        {
            using WKClient client = NewClient();
            string channel = await FillAsync(client, 120);
            string path = Path.Combine(_dir, "a.jsonl");

            WKExportResult result = await WKMessageExporter.ExportAsync(client.Messages, Query(channel), path, WKExportFormat.JsonLines, resume: false, overwrite: false);

            Assert.Equal(120, result.Count);
            Assert.Equal(1UL, result.FirstSeq);
            Assert.Equal(120UL, result.LastSeq);
            Assert.Equal(3, result.Requests);
            Assert.Equal(Enumerable.Range(1, 120).Select(i => (ulong)i), JsonSeqs(path));
            using JsonDocument first = JsonDocument.Parse(File.ReadLines(path).First());
            JsonElement row = first.RootElement;
            Assert.Equal("message 1", row.GetProperty("text").GetString());
            Assert.Equal("message 1", Encoding.UTF8.GetString(Convert.FromBase64String(row.GetProperty("payload").GetString()!)));
            Assert.Equal(row.GetProperty("message_idstr").GetString(), row.GetProperty("message_id").GetInt64().ToString());
            Assert.True(row.GetProperty("message_id").GetInt64() > (1L << 53));
            Assert.EndsWith("Z", row.GetProperty("time").GetString());
        }

        [Fact]
        public async Task Export_creates_the_missing_folders_of_its_path()
        {
            using WKClient client = NewClient();
            string channel = await FillAsync(client, 3);
            string path = Path.Combine(_dir, "archive", "2026", channel + ".jsonl");

            WKExportResult result = await WKMessageExporter.ExportAsync(client.Messages, Query(channel), path, WKExportFormat.JsonLines, resume: true, overwrite: false);

            Assert.Equal(3, result.Count);
            Assert.Equal(new ulong[] { 1, 2, 3 }, JsonSeqs(path));
        }

        [Fact]
        public async Task Resume_continues_after_the_last_complete_line_and_cuts_a_partial_one()
        {
            using WKClient client = NewClient();
            string channel = await FillAsync(client, 90);
            string path = Path.Combine(_dir, "b.jsonl");
            await WKMessageExporter.ExportAsync(client.Messages, Query(channel, 20), path, WKExportFormat.JsonLines, false, false);

            // Simulate a run that stopped mid-way: keep 37 lines and half of the 38th.
            string[] lines = File.ReadAllLines(path);
            File.WriteAllText(path, string.Join("\n", lines.Take(37)) + "\n" + lines[37].Substring(0, 20));
            Assert.Equal(37UL, WKMessageExporter.ReadLastSeq(path, WKExportFormat.JsonLines, truncatePartialLine: true));

            WKExportResult resumed = await WKMessageExporter.ExportAsync(client.Messages, Query(channel, 20), path, WKExportFormat.JsonLines, resume: true, overwrite: false);
            Assert.Equal(37UL, resumed.ResumedAfterSeq);
            Assert.Equal(53, resumed.Count);
            Assert.Equal(Enumerable.Range(1, 90).Select(i => (ulong)i), JsonSeqs(path));

            // New messages later: the next scheduled run appends only those.
            for (int i = 0; i < 5; i++)
            {
                await client.Messages.SendAsync(new WKSendMessage { ChannelId = channel, ChannelType = WKChannelType.Group, Payload = new byte[] { 1, 2, 3 } });
            }
            WKExportResult next = await WKMessageExporter.ExportAsync(client.Messages, Query(channel, 20), path, WKExportFormat.JsonLines, resume: true, overwrite: false);
            Assert.Equal(5, next.Count);
            Assert.Equal(Enumerable.Range(1, 95).Select(i => (ulong)i), JsonSeqs(path));
            Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(File.ReadLines(path).Last()).RootElement.GetProperty("text").ValueKind);

            WKExportResult nothing = await WKMessageExporter.ExportAsync(client.Messages, Query(channel, 20), path, WKExportFormat.JsonLines, resume: true, overwrite: false);
            Assert.Equal(0, nothing.Count);
        }

        [Fact]
        public async Task Csv_export_keeps_one_record_per_line_and_resumes_from_the_first_column()
        {
            using WKClient client = NewClient();
            string channel = await FillAsync(client, 30, i => i == 2 ? "line one\nline \"two\", with comma" : "m" + i);
            string path = Path.Combine(_dir, "c.csv");
            await WKMessageExporter.ExportAsync(client.Messages, new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, EndSeq = 10, PageSize = 4 }, path, WKExportFormat.Csv, false, false);

            string[] lines = File.ReadAllLines(path);
            Assert.Equal(string.Join(",", WKMessageExporter.CsvColumns), lines[0]);
            Assert.Equal(11, lines.Length);
            Assert.EndsWith(",\"line one line \"\"two\"\", with comma\"", lines[2]);
            Assert.Equal(10UL, WKMessageExporter.ReadLastSeq(path, WKExportFormat.Csv, false));

            WKExportResult resumed = await WKMessageExporter.ExportAsync(client.Messages, Query(channel, 4), path, WKExportFormat.Csv, resume: true, overwrite: false);
            Assert.Equal(20, resumed.Count);
            string[] all = File.ReadAllLines(path);
            Assert.Equal(31, all.Length);
            Assert.Equal(Enumerable.Range(1, 30).Select(i => i.ToString()), all.Skip(1).Select(l => l.Substring(0, l.IndexOf(','))));
        }

        [Fact]
        public async Task An_existing_file_is_refused_without_resume_or_overwrite_and_a_foreign_file_is_not_resumed()
        {
            using WKClient client = NewClient();
            string channel = await FillAsync(client, 3);
            string path = Path.Combine(_dir, "d.jsonl");
            File.WriteAllText(path, "{\"hello\":1}\n");
            await Assert.ThrowsAsync<IOException>(() => WKMessageExporter.ExportAsync(client.Messages, Query(channel), path, WKExportFormat.JsonLines, false, false));
            await Assert.ThrowsAsync<WKExportFileException>(() => WKMessageExporter.ExportAsync(client.Messages, Query(channel), path, WKExportFormat.JsonLines, true, false));
            WKExportResult overwritten = await WKMessageExporter.ExportAsync(client.Messages, Query(channel), path, WKExportFormat.JsonLines, false, true);
            Assert.Equal(3, overwritten.Count);
            Assert.Equal(new ulong[] { 1, 2, 3 }, JsonSeqs(path));
        }

        [Theory]
        [InlineData("x.csv", WKExportFormat.Csv)]
        [InlineData("x.CSV", WKExportFormat.Csv)]
        [InlineData("x.jsonl", WKExportFormat.JsonLines)]
        [InlineData("x.ndjson", WKExportFormat.JsonLines)]
        public void Format_follows_the_extension(string path, WKExportFormat expected) => Assert.Equal(expected, WKMessageExporter.FormatFromPath(path));
    }
}
