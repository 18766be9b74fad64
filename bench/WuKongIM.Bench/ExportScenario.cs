using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.Bench
{
    /// <summary>
    /// Fills one channel of a child-process emulator with N messages (its fill control route, the fast path), exports it to JSON
    /// Lines with the exporter Export-WKChannelMessage uses, verifies every seq once and in order, and reports the peak
    /// working set and managed heap during the export. Run it with two sizes: flat memory means the peaks do not grow with N.
    /// </summary>
    public sealed class ExportScenario : IBenchScenario
    {
        private readonly int _messages;
        private readonly int _rawRounds;

        /// <param name="rawRounds">When above 0: that many alternating rounds of the exporter and a raw page fetch (export_vs_raw_ratio).</param>
        public ExportScenario(int messages, int rawRounds = 0)
        {
            _messages = messages;
            _rawRounds = rawRounds;
        }

        public string Name => "export-" + Size;

        /// <summary>100k, 1m: the suffix of this run's figures in the final JSON line.</summary>
        private string Size => _messages >= 1_000_000 && _messages % 1_000_000 == 0 ? (_messages / 1_000_000) + "m"
            : _messages >= 1000 && _messages % 1000 == 0 ? (_messages / 1000) + "k" : _messages.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public string Description => "Export a " + _messages + "-message channel to JSON Lines and verify it";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            string channel = "bench-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            // The emulator runs in a child process here, so the memory measured below is the client's alone.
            using ChildEmulator emulator = await ChildEmulator.StartAsync();
            using var client = new WKClient(new WKClientOptions { BaseUri = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(120) });
            // Setup, not measured: the history is written by the emulator's fill route (the store code a send runs).
            var fill = Stopwatch.StartNew();
            await emulator.FillAsync(channel, _messages);
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
            int sampleEvery = 10;
            long liveBase = GC.GetTotalMemory(forceFullCollection: true);
            long livePeak = liveBase;
            long? liveFirst = null;
            int pages = 0;
            void OnPage(WKExportResult _)
            {
                if (++pages % sampleEvery == 0)
                {
                    long live = GC.GetTotalMemory(forceFullCollection: true);
                    liveFirst ??= live;
                    livePeak = Math.Max(livePeak, live);
                }
            }
            var watch = Stopwatch.StartNew();
            using (sampler = new MemorySampler())
            {
                export = await WKMessageExporter.ExportAsync(client.Messages, query, path, WKExportFormat.JsonLines, resume: false, overwrite: true, OnPage, cancellationToken);
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
            // The peak managed heap of this (client-only) process during the export, above the heap right before it, garbage
            // not yet collected included: what the export costs at its worst. Flat means it does not grow with N.
            result.Figure("export_peak_mb_" + Size, Mb(sampler.PeakHeap - sampler.BaselineHeap))
                .Figure("export_live_growth_mb_" + Size, Mb(livePeak - liveBase))
                .Figure("export_msgs_per_s_" + Size, Math.Round(_messages / Math.Max(watch.Elapsed.TotalSeconds, 0.001)));
            if (problem != null)
            {
                result.Fail(problem);
            }
            if (export.Count != _messages)
            {
                result.Fail("the exporter reported " + export.Count + " messages");
            }
            File.Delete(path);
            if (_rawRounds > 0)
            {
                await CompareWithRawAsync(result, client, emulator.BaseUri, query, path, cancellationToken);
            }
            return result;
        }

        /// <summary>
        /// Messages/s of the exporter (to a file, as above) against a plain HttpClient that fetches the same pages and does
        /// nothing with them (the page seqs are known: the fill numbers them 1..N), alternating, medians.
        /// </summary>
        private async Task CompareWithRawAsync(BenchResult result, WKClient client, Uri baseUri, WKChannelMessageQuery query, string path, CancellationToken cancellationToken)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
            var sync = new Uri(baseUri, "/channel/messagesync");
            int pageSize = query.PageSize;
            async Task<double> Raw()
            {
                var watch = Stopwatch.StartNew();
                long fetched = 0;
                for (long start = 1; start <= _messages + 1; start += pageSize)
                {
                    string body = "{\"login_uid\":\"bench\",\"channel_id\":\"" + query.ChannelId + "\",\"channel_type\":2,\"start_message_seq\":" + start
                        + ",\"end_message_seq\":0,\"limit\":" + pageSize + ",\"pull_mode\":1}";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using HttpResponseMessage response = await http.PostAsync(sync, content, cancellationToken);
                    byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if ((int)response.StatusCode != 200 || bytes.Length == 0)
                    {
                        throw new InvalidOperationException("messagesync answered " + (int)response.StatusCode);
                    }
                    fetched += bytes.Length;
                }
                return _messages / watch.Elapsed.TotalSeconds;
            }
            async Task<double> Export()
            {
                var watch = Stopwatch.StartNew();
                WKExportResult r = await WKMessageExporter.ExportAsync(client.Messages, query, path, WKExportFormat.JsonLines, resume: false, overwrite: true, null, cancellationToken);
                double rate = r.Count / watch.Elapsed.TotalSeconds;
                File.Delete(path);
                return rate;
            }
            await Raw();
            var exportRounds = new List<double>();
            var rawRounds = new List<double>();
            for (int round = 0; round < _rawRounds; round++)
            {
                bool rawFirst = round % 2 == 0;
                Bench.FullCollect();
                (rawFirst ? rawRounds : exportRounds).Add(await (rawFirst ? Raw() : Export()));
                Bench.FullCollect();
                (rawFirst ? exportRounds : rawRounds).Add(await (rawFirst ? Export() : Raw()));
            }
            double exportRate = Bench.Median(exportRounds), rawRate = Bench.Median(rawRounds);
            result.Add("export_rounds_msgs_per_s", Bench.Rounds(exportRounds, "0")).Add("raw_rounds_msgs_per_s", Bench.Rounds(rawRounds, "0"))
                .Add("export_median_msgs_per_s", Math.Round(exportRate)).Add("raw_median_msgs_per_s", Math.Round(rawRate));
            result.Figure("export_median_msgs_per_s", Math.Round(exportRate)).Figure("raw_fetch_msgs_per_s", Math.Round(rawRate))
                .Figure("export_vs_raw_ratio", Bench.Round(exportRate / rawRate, 3));
        }

        private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

        /// <summary>The exporter writes message_seq first: read it from the line's start, else parse the whole line.</summary>
        private static ulong ReadSeq(string line)
        {
            const string prefix = "{\"message_seq\":";
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                int end = line.IndexOf(',', prefix.Length);
                if (end > prefix.Length && ulong.TryParse(line.Substring(prefix.Length, end - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong seq))
                {
                    return seq;
                }
            }
            using JsonDocument doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("message_seq").GetUInt64();
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
                ulong seq = ReadSeq(text);
                if (line % 997 == 0)
                {
                    // A sample of lines is parsed whole: each must be one valid JSON object.
                    using JsonDocument sample = JsonDocument.Parse(text);
                }
                if (seq != (ulong)line)
                {
                    return (line, "line " + line + " holds seq " + seq);
                }
            }
            return line == expected ? (line, null) : (line, "expected " + expected + " lines, found " + line);
        }
    }
}
