using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Emulator.Core;
using WuKongIM.PowerShell;

namespace WuKongIM.Bench
{
    /// <summary>Helpers shared by the scenarios: emulator control over HTTP, timing and memory rounding.</summary>
    internal static class Bench
    {
        private static readonly HttpClient Control = new HttpClient();

        public static Task SetFaultsAsync(EmulatorHost emulator, object faults) => SetFaultsAsync(emulator.BaseUri, faults);

        public static async Task SetFaultsAsync(Uri emulator, object faults)
        {
            using var content = new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json");
            using HttpResponseMessage r = await Control.PostAsync(new Uri(emulator, "/_emulator/faults"), content);
            r.EnsureSuccessStatusCode();
        }

        /// <summary>The median: one noisy round of five moves it less than it moves a best or a mean.</summary>
        public static double Median(IEnumerable<double> values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0)
            {
                return double.NaN;
            }
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        public static string Rounds(IEnumerable<double> values, string format = "0.000") =>
            string.Join("/", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

        public static Task ClearFaultsAsync(EmulatorHost emulator) => SetFaultsAsync(emulator, new { });

        public static long Requests(EmulatorHost emulator, string methodAndPath) =>
            emulator.App.Stats.Snapshot().TryGetValue(methodAndPath, out long n) ? n : 0;

        public static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

        public static double Round(double value, int digits = 2) => Math.Round(value, digits);

        /// <summary>
        /// Runs a blocking post-and-drain loop on a thread of its own, as a cmdlet does on the pipeline thread: blocking a
        /// thread-pool thread would starve the requests (and the in-process emulator) of threads on a small machine.
        /// </summary>
        public static Task OnPipelineThread(Action run) => Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        public static void FullCollect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }

    /// <summary>
    /// N uids into one channel the way Add-WKChannelSubscriber does it: the shared GroupedChunkBuffer cuts chunks of
    /// BatchSize, WKBulk.RunChunkAsync sends each and reports every uid. With an error rate it is the fault run: at the end
    /// every uid reported Succeeded must be a subscriber (lost = 0) and every uid must be reported exactly once.
    /// </summary>
    public sealed class SubscribersScenario : IBenchScenario
    {
        private readonly int _uids;
        private readonly int _batchSize;
        private readonly double _errorRate;

        public SubscribersScenario(int uids, int batchSize, double errorRate = 0)
        {
            _uids = uids;
            _batchSize = batchSize;
            _errorRate = errorRate;
        }

        private bool IsFaultRun => _errorRate > 0;

        public string Name => IsFaultRun ? "fault-subscribers" : "subscribers";

        public string Description => IsFaultRun
            ? _uids + " subscriber adds with " + (_errorRate * 100).ToString(CultureInfo.InvariantCulture) + "% injected 503 errors: nothing lost or reported twice"
            : _uids + " uids into one channel in batches of " + _batchSize + ": requests, items/s, memory";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            var channel = new WKChannelKey("bench-subs-" + Guid.NewGuid().ToString("N").Substring(0, 8), WKChannelType.Group);
            if (IsFaultRun)
            {
                await Bench.SetFaultsAsync(context.Emulator, new { error_rate = _errorRate, error_status = 503, path_prefix = "/channel/subscriber_add" });
            }
            context.Emulator.App.Stats.Reset();
            Bench.FullCollect();
            var reported = new Dictionary<string, int>(StringComparer.Ordinal);
            var succeeded = new List<string>();
            long failed = 0;
            void Count(IReadOnlyList<WKBulkItemResult> results)
            {
                foreach (WKBulkItemResult r in results)
                {
                    reported[r.Uid] = reported.TryGetValue(r.Uid, out int n) ? n + 1 : 1;
                    if (r.Status == WKBulkItemStatus.Succeeded)
                    {
                        succeeded.Add(r.Uid);
                    }
                    else
                    {
                        failed++;
                    }
                }
            }

            var watch = Stopwatch.StartNew();
            using (var sampler = new MemorySampler())
            {
                var buffer = new GroupedChunkBuffer<WKChannelKey, string>(_batchSize, dropDuplicates: true);
                async Task SendAsync(WKChunk<WKChannelKey, string> chunk) => Count(await WKBulk.RunChunkAsync("AddSubscriber", chunk.Key, chunk.Items,
                    ct => context.Client.Channels.AddSubscribersAsync(chunk.Key.ChannelId, chunk.Key.ChannelType, chunk.Items.ToList(), ct), cancellationToken));
                for (int i = 0; i < _uids; i++)
                {
                    if (buffer.Add(channel, "u" + i.ToString(CultureInfo.InvariantCulture), out WKChunk<WKChannelKey, string>? full) && full != null)
                    {
                        await SendAsync(full);
                    }
                }
                foreach (WKChunk<WKChannelKey, string> rest in buffer.Drain())
                {
                    await SendAsync(rest);
                }
                watch.Stop();
                result.Add("peak_ws_mb", Bench.Mb(sampler.PeakWorkingSet)).Add("heap_growth_mb", Bench.Mb(sampler.PeakHeap - sampler.BaselineHeap));
            }
            long requests = Bench.Requests(context.Emulator, "POST /channel/subscriber_add");
            if (IsFaultRun)
            {
                await Bench.ClearFaultsAsync(context.Emulator);
            }

            var subscribed = new HashSet<string>(await context.Client.Channels.GetSubscribersAsync(channel.ChannelId, channel.ChannelType, cancellationToken), StringComparer.Ordinal);
            long lost = succeeded.Count(u => !subscribed.Contains(u)) + (_uids - reported.Count);
            long duplicated = reported.Count(p => p.Value > 1);
            double perSecond = Bench.Round(_uids / Math.Max(watch.Elapsed.TotalSeconds, 0.001), 0);
            long expectedRequests = (_uids + _batchSize - 1) / _batchSize;
            result.Add("items", _uids).Add("batch_size", _batchSize).Add("requests", requests).Add("seconds", Bench.Round(watch.Elapsed.TotalSeconds))
                .Add("items_per_s", perSecond).Add("reported_failed", failed).Add("lost", lost).Add("duplicated", duplicated);
            if (IsFaultRun)
            {
                result.Add("error_rate", _errorRate);
                result.Figure("fault_items", _uids).Figure("fault_items_lost", lost).Figure("fault_items_duplicated", duplicated).Figure("fault_items_failed", failed);
                if (lost != 0 || duplicated != 0)
                {
                    result.Fail(lost + " items lost, " + duplicated + " reported twice");
                }
            }
            else
            {
                result.Figure("subscribers_items", _uids).Figure("subscribers_requests", requests).Figure("subscribers_items_per_s", perSecond)
                    .Figure("subscribers_peak_ws_mb", (double)result.Metrics.First(m => m.Key == "peak_ws_mb").Value);
                if (requests != expectedRequests)
                {
                    result.Fail(requests + " requests, expected ceil(N / batch) = " + expectedRequests);
                }
                if (subscribed.Count != _uids || failed != 0)
                {
                    result.Fail(subscribed.Count + " subscribed, " + failed + " failed");
                }
            }
            return result;
        }
    }

    /// <summary>
    /// Online status for N uids the way Get-WKOnlineStatus does it (UidBatchRunner from WKUserBatches, one request per
    /// BatchSize uids), with some of them connected, rows streamed and counted, not kept.
    /// </summary>
    public sealed class OnlineStatusScenario : IBenchScenario
    {
        private readonly int _uids;
        private readonly int _batchSize;
        private readonly int _online;

        public OnlineStatusScenario(int uids, int batchSize, int online)
        {
            _uids = uids;
            _batchSize = batchSize;
            _online = online;
        }

        public string Name => "onlinestatus";

        public string Description => "Online status of " + _uids + " uids (" + _online + " connected) in batches of " + _batchSize;

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            string prefix = "os" + Guid.NewGuid().ToString("N").Substring(0, 6) + "-";
            lock (context.Emulator.App.State.Sync)
            {
                // Setup, not measured: simulated device connections, as POST /_emulator/connections makes them.
                for (int i = 0; i < _uids; i += _uids / _online)
                {
                    context.Emulator.App.State.AddConnection(prefix + i.ToString(CultureInfo.InvariantCulture), 1, 1, null);
                }
            }
            context.Emulator.App.Stats.Reset();
            Bench.FullCollect();
            UidBatchRunner<WKOnlineStatus> runner = WKUserBatches.OnlineStatus(context.Client, _batchSize);
            long rows = 0, online = 0;
            void Count(IReadOnlyList<WKOnlineStatus> statuses)
            {
                rows += statuses.Count;
                online += statuses.Count(s => s.Online);
            }
            var watch = Stopwatch.StartNew();
            using (var sampler = new MemorySampler())
            {
                for (int i = 0; i < _uids; i++)
                {
                    IReadOnlyList<string>? chunk = runner.Add(prefix + i.ToString(CultureInfo.InvariantCulture));
                    if (chunk != null)
                    {
                        Count(await runner.SendAsync(chunk, cancellationToken));
                    }
                }
                IReadOnlyList<string> rest = runner.Drain();
                if (rest.Count > 0)
                {
                    Count(await runner.SendAsync(rest, cancellationToken));
                }
                watch.Stop();
                result.Add("peak_ws_mb", Bench.Mb(sampler.PeakWorkingSet)).Add("heap_growth_mb", Bench.Mb(sampler.PeakHeap - sampler.BaselineHeap));
            }
            long requests = Bench.Requests(context.Emulator, "POST /user/onlinestatus");
            double perSecond = Bench.Round(_uids / Math.Max(watch.Elapsed.TotalSeconds, 0.001), 0);
            result.Add("items", _uids).Add("batch_size", _batchSize).Add("requests", requests).Add("seconds", Bench.Round(watch.Elapsed.TotalSeconds))
                .Add("items_per_s", perSecond).Add("rows", rows).Add("online_rows", online);
            result.Figure("onlinestatus_items", _uids).Figure("onlinestatus_requests", requests).Figure("onlinestatus_items_per_s", perSecond)
                .Figure("onlinestatus_peak_ws_mb", (double)result.Metrics.First(m => m.Key == "peak_ws_mb").Value);
            long expected = (_uids + _batchSize - 1) / _batchSize;
            if (requests != expected)
            {
                result.Fail(requests + " requests, expected ceil(N / batch) = " + expected);
            }
            if (rows != _uids || online != (_uids + (_uids / _online) - 1) / (_uids / _online))
            {
                result.Fail(rows + " rows, " + online + " online");
            }
            return result;
        }
    }

    /// <summary>
    /// One message to each of N channels with L ms of injected server latency, as Send-WKMessage does it for piped
    /// channels: OrderedDispatcher running SendSafelyAsync with -ThrottleLimit T. The ideal time is N*L/T; efficiency =
    /// ideal / measured, the median of the rounds. The emulator runs in a child process, so its CPU use can be read: a few
    /// sequential sends at the same latency measure what the latency fault itself costs (emulator CPU s per wall s).
    /// </summary>
    public sealed class SendScenario : IBenchScenario
    {
        private readonly int _channels;
        private readonly int _latencyMs;
        private readonly int _throttleLimit;
        private readonly int _rounds;
        private readonly int _sequential;

        public SendScenario(int channels, int latencyMs, int throttleLimit, int rounds = 5, int sequential = 150)
        {
            _channels = channels;
            _latencyMs = latencyMs;
            _throttleLimit = throttleLimit;
            _rounds = rounds;
            _sequential = sequential;
        }

        public string Name => "send";

        public string Description => "Send to " + _channels + " channels with " + _latencyMs + " ms latency at -ThrottleLimit " + _throttleLimit + " (median of " + _rounds
            + "); " + _sequential + " sequential sends measure the emulator's CPU";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            using ChildEmulator emulator = await ChildEmulator.StartAsync();
            using var client = new WKClient(new WKClientOptions { BaseUri = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(120) });
            string prefix = "send-" + Guid.NewGuid().ToString("N").Substring(0, 6) + "-";
            // Warm-up (connections, JIT) without latency; not measured.
            await RunAsync(client, prefix + "warm-", 200, _throttleLimit, cancellationToken);
            await Bench.SetFaultsAsync(emulator.BaseUri, new { latency_ms = _latencyMs, path_prefix = "/message/send" });
            await RunAsync(client, prefix + "warm2-", 100, _throttleLimit, cancellationToken);
            // The same sequential pattern as the measured run, long enough (3 s) for the emulator's tiered JIT to promote
            // the code it runs: the runtime counts calls only after 100 ms without new JIT work, so a short burst leaves the
            // promotion (most of the emulator's CPU) to the measured run. The figure is the steady state's.
            await RunAsync(client, prefix + "warm3-", 150, 1, cancellationToken);
            await Task.Delay(1000, cancellationToken);

            TimeSpan cpuBefore = emulator.CpuTime;
            (TimeSpan sequential, int sequentialOk) = await RunAsync(client, prefix + "seq-", _sequential, 1, cancellationToken);
            double cpuPerWall = (emulator.CpuTime - cpuBefore).TotalSeconds / sequential.TotalSeconds;

            // The same sends from a plain HttpClient (T loops, a pre-built body, no client library), in alternating rounds:
            // how close this machine and the emulator let any client come to the ideal.
            using var plain = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
            await RunPlainAsync(plain, emulator.BaseUri, prefix + "plainwarm-", 100, _throttleLimit, cancellationToken);
            var rounds = new List<(TimeSpan Elapsed, int Succeeded)>();
            var plainRounds = new List<double>();
            for (int round = 0; round < _rounds; round++)
            {
                string tag = round.ToString(CultureInfo.InvariantCulture) + "-";
                if (round % 2 == 1)
                {
                    plainRounds.Add((await RunPlainAsync(plain, emulator.BaseUri, prefix + "plain" + tag, _channels, _throttleLimit, cancellationToken)).TotalSeconds);
                }
                rounds.Add(await RunAsync(client, prefix + "par" + tag, _channels, _throttleLimit, cancellationToken));
                if (round % 2 == 0)
                {
                    plainRounds.Add((await RunPlainAsync(plain, emulator.BaseUri, prefix + "plain" + tag, _channels, _throttleLimit, cancellationToken)).TotalSeconds);
                }
            }
            double parallel = Bench.Median(rounds.Select(r => r.Elapsed.TotalSeconds));
            double ideal = _channels * _latencyMs / 1000.0 / _throttleLimit;
            double efficiency = ideal / parallel;
            double plainEfficiency = ideal / Bench.Median(plainRounds);
            double perSend = sequential.TotalMilliseconds / _sequential;
            result.Add("channels", _channels).Add("latency_ms", _latencyMs).Add("throttle_limit", _throttleLimit)
                .Add("parallel_rounds_s", Bench.Rounds(rounds.Select(r => r.Elapsed.TotalSeconds)))
                .Add("parallel_s", Bench.Round(parallel, 3)).Add("ideal_parallel_s", Bench.Round(ideal, 3)).Add("efficiency", Bench.Round(efficiency, 3))
                .Add("sequential_sends", _sequential).Add("sequential_ms_per_send", Bench.Round(perSend, 2))
                .Add("emulator_cpu_per_wall", Bench.Round(cpuPerWall, 3)).Add("sent", sequentialOk + rounds.Sum(r => r.Succeeded))
                .Add("plain_httpclient_rounds_s", Bench.Rounds(plainRounds)).Add("plain_httpclient_efficiency", Bench.Round(plainEfficiency, 3));
            result.Figure("send_plain_httpclient_efficiency", Bench.Round(plainEfficiency, 3));
            result.Figure("send_sequential_ms_per_send", Bench.Round(perSend, 2)).Figure("send_parallel_s", Bench.Round(parallel, 3))
                .Figure("send_parallel_efficiency", Bench.Round(efficiency, 3)).Figure("emulator_cpu_per_wall_at_latency", Bench.Round(cpuPerWall, 3));
            if (sequentialOk != _sequential || rounds.Any(r => r.Succeeded != _channels))
            {
                result.Fail("not every message was sent");
            }
            return result;
        }

        private static async Task<TimeSpan> RunPlainAsync(HttpClient http, Uri baseUri, string prefix, int channels, int lanes, CancellationToken cancellationToken)
        {
            var send = new Uri(baseUri, "/message/send");
            int next = -1;
            async Task Lane()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < channels)
                {
                    byte[] body = Encoding.UTF8.GetBytes("{\"header\":{},\"from_uid\":\"bench\",\"channel_id\":\"" + prefix + i.ToString(CultureInfo.InvariantCulture) +
                        "\",\"channel_type\":2,\"payload\":\"eyJ0eXBlIjoxLCJjb250ZW50IjoiYmVuY2gifQ==\"}");
                    using var content = new ByteArrayContent(body);
                    using HttpResponseMessage response = await http.PostAsync(send, content, cancellationToken).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(Lane, cancellationToken)));
            return watch.Elapsed;
        }

        private static async Task<(TimeSpan Elapsed, int Succeeded)> RunAsync(WKClient client, string prefix, int channels, int throttleLimit, CancellationToken cancellationToken)
        {
            byte[] payload = Encoding.UTF8.GetBytes("{\"type\":1,\"content\":\"bench\"}");
            int succeeded = 0;
            var watch = Stopwatch.StartNew();
            await Bench.OnPipelineThread(() =>
            {
                using var dispatcher = new OrderedDispatcher<WKSendMessage, WKSendResult>(throttleLimit, (m, ct) => client.Messages.SendSafelyAsync(m, ct), cancellationToken);
                void Take(IEnumerable<DispatchOutcome<WKSendMessage, WKSendResult>> outcomes) => succeeded += outcomes.Count(o => o.Succeeded);
                for (int i = 0; i < channels; i++)
                {
                    dispatcher.Post(new WKSendMessage { ChannelId = prefix + i.ToString(CultureInfo.InvariantCulture), ChannelType = WKChannelType.Group, FromUid = "bench", Payload = payload });
                    Take(dispatcher.TakeCompleted());
                }
                Take(dispatcher.Drain());
            });
            watch.Stop();
            return (watch.Elapsed, succeeded);
        }
    }

    /// <summary>
    /// The library's overhead: the same cheap endpoint (GET /health) through WKClient and through a plain HttpClient loop
    /// with no client library, in the same process, with the same number of connections and concurrent callers. Both runs
    /// alternate a few rounds; the median round of each is compared (library time / plain time, lower is better, 1.0 = none).
    /// </summary>
    public sealed class OverheadScenario : IBenchScenario
    {
        private readonly int _requests;
        private readonly int _concurrency;
        private readonly int _rounds;

        public OverheadScenario(int requests, int concurrency, int rounds)
        {
            _requests = requests;
            _concurrency = concurrency;
            _rounds = rounds;
        }

        public string Name => "overhead";

        public string Description => _requests + " x GET /health through WKClient vs a plain HttpClient loop, " + _concurrency + " connections and callers";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            using var client = new WKClient(new WKClientOptions { BaseUri = context.Emulator.BaseUri, MaxConnectionsPerServer = _concurrency });
            using var plain = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = _concurrency, UseCookies = false, AllowAutoRedirect = false });
            var health = new Uri(context.Emulator.BaseUri, "/health");

            Task Library(CancellationToken ct) => client.Server.GetHealthAsync(ct);
            async Task Plain(CancellationToken ct)
            {
                using HttpResponseMessage response = await plain.GetAsync(health, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                if ((int)response.StatusCode != 200 || body.Length == 0)
                {
                    throw new InvalidOperationException("GET /health answered " + (int)response.StatusCode);
                }
            }

            // Warm-up: connections opened, code compiled.
            await LoadAsync(Library, _requests / 5, cancellationToken);
            await LoadAsync(Plain, _requests / 5, cancellationToken);
            var libraryRounds = new List<double>();
            var plainRounds = new List<double>();
            for (int round = 0; round < _rounds; round++)
            {
                // Alternate which one goes first, so neither always runs on a machine the other just warmed or loaded.
                bool plainFirst = round % 2 == 0;
                Bench.FullCollect();
                (plainFirst ? plainRounds : libraryRounds).Add((await LoadAsync(plainFirst ? Plain : Library, _requests, cancellationToken)).TotalSeconds);
                Bench.FullCollect();
                (plainFirst ? libraryRounds : plainRounds).Add((await LoadAsync(plainFirst ? Library : Plain, _requests, cancellationToken)).TotalSeconds);
            }
            // The median of the rounds: one noisy round (the machine is shared) cannot fail the gate.
            double libraryBest = Bench.Median(libraryRounds), plainBest = Bench.Median(plainRounds);
            double ratio = libraryBest / plainBest;
            result.Add("requests", _requests).Add("concurrency", _concurrency).Add("rounds", _rounds)
                .Add("plain_s", Bench.Round(plainBest, 3)).Add("library_s", Bench.Round(libraryBest, 3))
                .Add("plain_req_per_s", Bench.Round(_requests / plainBest, 0)).Add("library_req_per_s", Bench.Round(_requests / libraryBest, 0))
                .Add("ratio", Bench.Round(ratio, 3))
                .Add("all_rounds", "plain " + string.Join("/", plainRounds.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture))) + ", library " + string.Join("/", libraryRounds.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture))));
            result.Figure("client_overhead_ratio", Bench.Round(ratio, 3)).Figure("client_req_per_s", Bench.Round(_requests / libraryBest, 0)).Figure("plain_req_per_s", Bench.Round(_requests / plainBest, 0));
            return result;
        }

        /// <summary>N requests spread over the same number of concurrent callers, each awaiting its own requests one by one.</summary>
        private async Task<TimeSpan> LoadAsync(Func<CancellationToken, Task> call, int requests, CancellationToken cancellationToken)
        {
            int next = 0;
            async Task Caller()
            {
                while (Interlocked.Increment(ref next) <= requests)
                {
                    await call(cancellationToken).ConfigureAwait(false);
                }
            }
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => Task.Run(Caller)));
            watch.Stop();
            return watch.Elapsed;
        }
    }
}
