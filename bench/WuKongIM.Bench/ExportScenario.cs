using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Emulator.State;

namespace WuKongIM.Bench
{
    /// <summary>
    /// Fills one emulator channel with N messages (through the emulator's own store, the fast path), exports it to JSON
    /// Lines with the exporter Export-WKChannelMessage uses, verifies every seq once and in order, and reports the peak
    /// working set and managed heap during the export. Run it with two sizes: flat memory means the peaks do not grow with N.
    /// </summary>
    public sealed class ExportScenario : IBenchScenario
    {
        private readonly int _messages;

        public ExportScenario(int messages) => _messages = messages;

        public string Name => "export-jsonl-" + (_messages >= 1000 && _messages % 1000 == 0 ? (_messages / 1000) + "k" : _messages.ToString());

        public string Description => "Export a " + _messages + "-message channel to JSON Lines and verify it";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            string channel = "bench-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var fill = Stopwatch.StartNew();
            Fill(context.Emulator.App.State, channel, _messages);
            fill.Stop();

            string path = Path.Combine(context.WorkDirectory, channel + ".jsonl");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var query = new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group, PageSize = 1000 };
            WKExportResult export;
            MemorySampler sampler;
            // Every 10th page, a full collection measures what is really retained (dead large buffers from earlier pages
            // would otherwise count until the next gen-2 collection).
            long liveBase = GC.GetTotalMemory(forceFullCollection: true);
            long livePeak = liveBase;
            long? liveFirst = null;
            int pages = 0;
            void OnPage(WKExportResult _)
            {
                if (++pages % 10 == 0)
                {
                    long live = GC.GetTotalMemory(forceFullCollection: true);
                    liveFirst ??= live;
                    livePeak = Math.Max(livePeak, live);
                }
            }
            var watch = Stopwatch.StartNew();
            using (sampler = new MemorySampler())
            {
                export = await WKMessageExporter.ExportAsync(context.Client.Messages, query, path, WKExportFormat.JsonLines, resume: false, overwrite: true, OnPage, cancellationToken);
            }
            watch.Stop();

            (long lines, string? problem) = Verify(path, _messages);
            long fileBytes = new FileInfo(path).Length;
            result.Add("messages", _messages)
                .Add("fill_s", Math.Round(fill.Elapsed.TotalSeconds, 2))
                .Add("export_s", Math.Round(watch.Elapsed.TotalSeconds, 2))
                .Add("msgs_per_s", Math.Round(_messages / Math.Max(watch.Elapsed.TotalSeconds, 0.001)))
                .Add("requests", export.Requests)
                .Add("file_mb", Mb(fileBytes))
                .Add("ws_base_mb", Mb(sampler.BaselineWorkingSet))
                .Add("ws_peak_mb", Mb(sampler.PeakWorkingSet))
                .Add("ws_growth_mb", Mb(sampler.PeakWorkingSet - sampler.BaselineWorkingSet))
                .Add("heap_base_mb", Mb(sampler.BaselineHeap))
                .Add("heap_peak_mb", Mb(sampler.PeakHeap))
                .Add("heap_growth_mb", Mb(sampler.PeakHeap - sampler.BaselineHeap))
                .Add("heap_after_gc_peak_mb", Mb(sampler.PeakHeapAfterGc))
                .Add("live_base_mb", Mb(liveBase))
                .Add("live_peak_mb", Mb(livePeak))
                .Add("live_growth_mb", Mb(livePeak - liveBase))
                // Growth after the first 10 pages (pools and caches warmed up): what grows with the history length.
                .Add("live_drift_mb", Mb(livePeak - (liveFirst ?? livePeak)))
                .Add("gen0_collections", sampler.Collections)
                .Add("verified_lines", lines);
            if (problem != null)
            {
                result.Fail(problem);
            }
            if (export.Count != _messages)
            {
                result.Fail("the exporter reported " + export.Count + " messages");
            }
            File.Delete(path);
            return result;
        }

        private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

        /// <summary>Appends messages through the same store code a send uses, skipping HTTP (the fast path).</summary>
        private static void Fill(EmulatorState state, string channel, int count)
        {
            lock (state.Sync)
            {
                for (int i = 1; i <= count; i++)
                {
                    state.PersistMessage(new MessageDraft
                    {
                        MessageId = state.NextId(),
                        StoredChannelId = channel,
                        ChannelType = 2,
                        FromUid = "u" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ClientMsgNo = Guid.NewGuid().ToString("N"),
                        Payload = Encoding.UTF8.GetBytes("{\"type\":1,\"content\":\"bench message number " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}"),
                    });
                }
            }
        }

        /// <summary>Reads the file line by line: seq i on line i, each exactly once.</summary>
        private static (long Lines, string? Problem) Verify(string path, int expected)
        {
            long line = 0;
            using var reader = new StreamReader(path, Encoding.UTF8);
            string? text;
            while ((text = reader.ReadLine()) != null)
            {
                line++;
                using JsonDocument doc = JsonDocument.Parse(text);
                ulong seq = doc.RootElement.GetProperty("message_seq").GetUInt64();
                if (seq != (ulong)line)
                {
                    return (line, "line " + line + " holds seq " + seq);
                }
            }
            return line == expected ? (line, null) : (line, "expected " + expected + " lines, found " + line);
        }
    }
}
