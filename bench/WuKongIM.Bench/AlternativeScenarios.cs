using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.Bench
{
    /// <summary>
    /// The module in a real host (dotnet pwsh) against what a user would write without it, in the same host and run, in
    /// alternating order: 100,000 uids piped and as -Uid $array into Add-WKChannelSubscriber and Get-WKOnlineStatus, against
    /// a loop of batched Invoke-RestMethod calls.
    /// </summary>
    public sealed class PwshBulkScenario : IBenchScenario
    {
        private readonly int _uids;
        private readonly int _rounds;

        public PwshBulkScenario(int uids, int rounds)
        {
            _uids = uids;
            _rounds = rounds;
        }

        public string Name => "pwsh-bulk";

        public string Description => _uids + " uids into Add-WKChannelSubscriber and Get-WKOnlineStatus (piped, -Uid $array) vs batched Invoke-RestMethod, " + _rounds + " rounds";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            using ChildEmulator emulator = await ChildEmulator.StartAsync();
            Dictionary<string, double[]> ms = await Pwsh.RunScriptAsync("Bulk.ps1", new Dictionary<string, string>
            {
                ["Uri"] = emulator.BaseUri.ToString(),
                ["Count"] = _uids.ToString(CultureInfo.InvariantCulture),
                ["Rounds"] = _rounds.ToString(CultureInfo.InvariantCulture),
            }, TimeSpan.FromMinutes(15));
            foreach (KeyValuePair<string, double[]> m in ms)
            {
                result.Add(m.Key + "_ms", Bench.Round(Bench.Median(m.Value), 1)).Add(m.Key + "_rounds", Bench.Rounds(m.Value, "0"));
                result.Figure("pwsh_" + m.Key + "_ms", Bench.Round(Bench.Median(m.Value), 1));
            }
            double Ratio(string a, string b) => Bench.Round(Bench.Median(ms[a]) / Bench.Median(ms[b]), 3);
            result.Figure("piped_vs_batched_irm_ratio", Ratio("add_piped", "add_irm"))
                .Figure("array_vs_batched_irm_ratio", Ratio("add_array", "add_irm"))
                .Figure("piped_typed_vs_batched_irm_ratio", Ratio("add_piped_typed", "add_irm"))
                .Figure("status_piped_vs_batched_irm_ratio", Ratio("status_piped", "status_irm"))
                .Figure("status_array_vs_batched_irm_ratio", Ratio("status_array", "status_irm"));
            return result;
        }
    }

    /// <summary>
    /// Send-WKMessage with piped channels against ForEach-Object -Parallel running Invoke-RestMethod, the same sends at the
    /// same throttle limit and injected latency, in one host, alternating.
    /// </summary>
    public sealed class PwshSendScenario : IBenchScenario
    {
        private readonly int _channels;
        private readonly int _latencyMs;
        private readonly int _throttleLimit;
        private readonly int _rounds;

        public PwshSendScenario(int channels, int latencyMs, int throttleLimit, int rounds)
        {
            _channels = channels;
            _latencyMs = latencyMs;
            _throttleLimit = throttleLimit;
            _rounds = rounds;
        }

        public string Name => "pwsh-send";

        public string Description => _channels + " sends at " + _latencyMs + " ms latency: Send-WKMessage -ThrottleLimit " + _throttleLimit + " vs ForEach-Object -Parallel, " + _rounds + " rounds";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            using ChildEmulator emulator = await ChildEmulator.StartAsync();
            await Bench.SetFaultsAsync(emulator.BaseUri, new { latency_ms = _latencyMs, path_prefix = "/message/send" });
            Dictionary<string, double[]> ms = await Pwsh.RunScriptAsync("Send.ps1", new Dictionary<string, string>
            {
                ["Uri"] = emulator.BaseUri.ToString(),
                ["Count"] = _channels.ToString(CultureInfo.InvariantCulture),
                ["Rounds"] = _rounds.ToString(CultureInfo.InvariantCulture),
                ["ThrottleLimit"] = _throttleLimit.ToString(CultureInfo.InvariantCulture),
            }, TimeSpan.FromMinutes(15));
            double module = Bench.Median(ms["send_module"]), parallel = Bench.Median(ms["send_foreach_parallel"]);
            double ideal = _channels * (double)_latencyMs / _throttleLimit;
            result.Add("channels", _channels).Add("latency_ms", _latencyMs).Add("throttle_limit", _throttleLimit)
                .Add("module_ms", Bench.Round(module, 1)).Add("module_rounds", Bench.Rounds(ms["send_module"], "0"))
                .Add("foreach_parallel_ms", Bench.Round(parallel, 1)).Add("foreach_parallel_rounds", Bench.Rounds(ms["send_foreach_parallel"], "0"))
                .Add("ideal_ms", Bench.Round(ideal, 1)).Add("module_efficiency", Bench.Round(ideal / module, 3));
            result.Figure("pwsh_send_module_ms", Bench.Round(module, 1)).Figure("pwsh_send_foreach_parallel_ms", Bench.Round(parallel, 1))
                .Figure("send_vs_foreach_parallel_ratio", Bench.Round(module / parallel, 3));
            return result;
        }
    }

    /// <summary>Export-WKChannelMessage against a hand-written Invoke-RestMethod paging loop, same channel and file format, alternating.</summary>
    public sealed class PwshExportScenario : IBenchScenario
    {
        private readonly int _messages;
        private readonly int _rounds;

        public PwshExportScenario(int messages, int rounds)
        {
            _messages = messages;
            _rounds = rounds;
        }

        public string Name => "pwsh-export";

        public string Description => "Export a " + _messages + "-message channel: Export-WKChannelMessage vs an Invoke-RestMethod paging loop, " + _rounds + " rounds";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            using ChildEmulator emulator = await ChildEmulator.StartAsync();
            string channel = "bench-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            await emulator.FillAsync(channel, _messages);
            Dictionary<string, double[]> ms = await Pwsh.RunScriptAsync("Export.ps1", new Dictionary<string, string>
            {
                ["Uri"] = emulator.BaseUri.ToString(),
                ["ChannelId"] = channel,
                ["Count"] = _messages.ToString(CultureInfo.InvariantCulture),
                ["Directory"] = context.WorkDirectory,
                ["Rounds"] = _rounds.ToString(CultureInfo.InvariantCulture),
            }, TimeSpan.FromMinutes(20));
            double module = Bench.Median(ms["export_module"]), loop = Bench.Median(ms["export_loop"]);
            result.Add("messages", _messages)
                .Add("module_ms", Bench.Round(module, 1)).Add("module_rounds", Bench.Rounds(ms["export_module"], "0"))
                .Add("loop_ms", Bench.Round(loop, 1)).Add("loop_rounds", Bench.Rounds(ms["export_loop"], "0"))
                .Add("module_msgs_per_s", Math.Round(_messages / (module / 1000))).Add("loop_msgs_per_s", Math.Round(_messages / (loop / 1000)));
            result.Figure("pwsh_export_module_msgs_per_s", Math.Round(_messages / (module / 1000))).Figure("pwsh_export_loop_msgs_per_s", Math.Round(_messages / (loop / 1000)))
                .Figure("export_module_vs_loop_speedup", Bench.Round(loop / module, 2));
            return result;
        }
    }

    /// <summary>
    /// The client's requests per second on POST /user/onlinestatus (a 1-uid and a 1000-uid body), 64 concurrent callers on
    /// 64 connections, against the raw generator (and wrk when installed) with the same body and connections, alternating.
    /// </summary>
    public sealed class RawClientScenario : IBenchScenario
    {
        private readonly int _connections;
        private readonly int _rounds;

        public RawClientScenario(int connections, int rounds)
        {
            _connections = connections;
            _rounds = rounds;
        }

        public string Name => "client-vs-raw";

        public string Description => "POST /user/onlinestatus, 1 and 1000 uids, " + _connections + " connections: WKClient vs a raw keep-alive generator, " + _rounds + " rounds";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            using ChildEmulator emulator = await ChildEmulator.StartAsync();
            using var client = new WKClient(new WKClientOptions { BaseUri = emulator.BaseUri, MaxConnectionsPerServer = _connections });
            using var plain = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = _connections, UseCookies = false, AllowAutoRedirect = false });
            var ratios = new List<double>();
            foreach ((string label, int uids, int requests) in new[] { ("1uid", 1, 20_000), ("1000uid", 1000, 2_000) })
            {
                string[] list = Enumerable.Range(0, uids).Select(i => "raw" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
                byte[] body = Encoding.UTF8.GetBytes("[" + string.Join(",", list.Select(u => "\"" + u + "\"")) + "]");
                byte[] raw = RawLoad.BuildRequest(emulator.BaseUri, "POST", "/user/onlinestatus", body);
                async Task<TimeSpan> Client(int n)
                {
                    int next = 0;
                    async Task Caller()
                    {
                        while (Interlocked.Increment(ref next) <= n)
                        {
                            await client.Users.GetOnlineStatusAsync(list, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    await Task.WhenAll(Enumerable.Range(0, _connections).Select(_ => Task.Run(Caller)));
                    return watch.Elapsed;
                }
                Task<TimeSpan> Raw(int n) => RawLoad.RunAsync(emulator.BaseUri, raw, _connections, n, cancellationToken);

                await Client(requests / 4);
                await Raw(requests / 4);
                var clientRounds = new List<double>();
                var rawRounds = new List<double>();
                for (int round = 0; round < _rounds; round++)
                {
                    bool rawFirst = round % 2 == 0;
                    Bench.FullCollect();
                    (rawFirst ? rawRounds : clientRounds).Add(requests / (await (rawFirst ? Raw(requests) : Client(requests))).TotalSeconds);
                    Bench.FullCollect();
                    (rawFirst ? clientRounds : rawRounds).Add(requests / (await (rawFirst ? Client(requests) : Raw(requests))).TotalSeconds);
                }
                // CPU of this process per request (the emulator is another process): what each side costs, whatever the load.
                async Task<double> CpuUs(Func<Task> run)
                {
                    TimeSpan before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    await run();
                    return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds * 1000 / requests;
                }
                var onlineStatus = new Uri(emulator.BaseUri, "/user/onlinestatus");
                async Task<TimeSpan> Plain(int n)
                {
                    int next = 0;
                    async Task Caller()
                    {
                        while (Interlocked.Increment(ref next) <= n)
                        {
                            using var content = new ByteArrayContent(body);
                            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                            using HttpResponseMessage response = await plain.PostAsync(onlineStatus, content, cancellationToken).ConfigureAwait(false);
                            await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    await Task.WhenAll(Enumerable.Range(0, _connections).Select(_ => Task.Run(Caller)));
                    return watch.Elapsed;
                }
                await Plain(requests / 4);
                double clientCpu = await CpuUs(() => Client(requests)), rawCpu = await CpuUs(() => Raw(requests)), plainCpu = await CpuUs(() => Plain(requests));
                // Where the client's CPU goes: raw sockets, then a plain HttpClient with a pre-built body, then WKClient.
                result.Add(label + "_client_cpu_us_per_req", Bench.Round(clientCpu, 1)).Add(label + "_plain_httpclient_cpu_us_per_req", Bench.Round(plainCpu, 1))
                    .Add(label + "_raw_cpu_us_per_req", Bench.Round(rawCpu, 1));
                result.Figure("client_cpu_us_per_req_" + label, Bench.Round(clientCpu, 1)).Figure("raw_cpu_us_per_req_" + label, Bench.Round(rawCpu, 1));
                double clientRate = Bench.Median(clientRounds), rawRate = Bench.Median(rawRounds);
                double ratio = clientRate / rawRate;
                ratios.Add(ratio);
                result.Add(label + "_client_req_per_s", Math.Round(clientRate)).Add(label + "_raw_req_per_s", Math.Round(rawRate)).Add(label + "_ratio", Bench.Round(ratio, 3))
                    .Add(label + "_rounds", "client " + Bench.Rounds(clientRounds, "0") + ", raw " + Bench.Rounds(rawRounds, "0"));
                result.Figure("client_req_per_s_" + label, Math.Round(clientRate)).Figure("raw_req_per_s_" + label, Math.Round(rawRate))
                    .Figure("client_vs_raw_ratio_" + label, Bench.Round(ratio, 3));
                double? wrk = await WrkAsync(emulator.BaseUri, body);
                if (wrk.HasValue)
                {
                    result.Add(label + "_wrk_req_per_s", Math.Round(wrk.Value)).Figure("wrk_req_per_s_" + label, Math.Round(wrk.Value));
                }
            }
            result.Add("wrk", WrkPath() ?? "not installed");
            // The gate takes the worse of the two bodies.
            result.Figure("client_vs_raw_ratio", Bench.Round(ratios.Min(), 3));
            return result;
        }

        private static string? WrkPath() =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

        /// <summary>wrk's requests/s with the same body and connection count, when wrk is on the PATH (5 s, 2 threads).</summary>
        private async Task<double?> WrkAsync(Uri baseUri, byte[] body)
        {
            string? wrk = WrkPath();
            if (wrk == null)
            {
                return null;
            }
            string lua = Path.Combine(Path.GetTempPath(), "wk-wrk-" + Guid.NewGuid().ToString("N") + ".lua");
            File.WriteAllText(lua, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[" + Encoding.UTF8.GetString(body) + "]]\n");
            try
            {
                var start = new System.Diagnostics.ProcessStartInfo(wrk) { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (string a in new[] { "-t2", "-c" + _connections.ToString(CultureInfo.InvariantCulture), "-d5s", "-s", lua, new Uri(baseUri, "/user/onlinestatus").ToString() })
                {
                    start.ArgumentList.Add(a);
                }
                using var process = System.Diagnostics.Process.Start(start)!;
                string output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal));
                return line == null ? null : double.Parse(line.Substring("Requests/sec:".Length).Trim(), CultureInfo.InvariantCulture);
            }
            finally
            {
                File.Delete(lua);
            }
        }
    }

    /// <summary>
    /// Import-Module in a fresh pwsh minus a bare pwsh start (both through dotnet pwsh, so the launcher cancels out),
    /// medians of alternating runs.
    /// </summary>
    public sealed class ImportScenario : IBenchScenario
    {
        private readonly int _rounds;

        public ImportScenario(int rounds) => _rounds = rounds;

        public string Name => "import";

        public string Description => "Import-Module in a fresh pwsh minus a bare pwsh start, " + _rounds + " alternating rounds";

        public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            var result = new BenchResult(Name);
            Pwsh.RequireModule();
            string import = "Import-Module '" + Pwsh.ModulePath.Replace("'", "''") + "'";
            async Task<double> Start(string command)
            {
                (int exit, string _, string stderr, TimeSpan wall) = await Pwsh.RunAsync(new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", command }, TimeSpan.FromMinutes(2));
                if (exit != 0)
                {
                    throw new InvalidOperationException("pwsh -Command " + command + " exited " + exit + ": " + stderr);
                }
                return wall.TotalMilliseconds;
            }
            await Start("$null");
            await Start(import);
            var bare = new List<double>();
            var imported = new List<double>();
            for (int round = 0; round < _rounds; round++)
            {
                bool bareFirst = round % 2 == 0;
                (bareFirst ? bare : imported).Add(await Start(bareFirst ? "$null" : import));
                (bareFirst ? imported : bare).Add(await Start(bareFirst ? import : "$null"));
            }
            double importMs = Bench.Median(imported) - Bench.Median(bare);
            result.Add("bare_ms", Bench.Round(Bench.Median(bare), 0)).Add("with_import_ms", Bench.Round(Bench.Median(imported), 0))
                .Add("import_ms", Bench.Round(importMs, 0)).Add("rounds", "bare " + Bench.Rounds(bare, "0") + ", import " + Bench.Rounds(imported, "0"));
            result.Figure("import_ms", Bench.Round(importMs, 0)).Figure("pwsh_bare_start_ms", Bench.Round(Bench.Median(bare), 0));
            return result;
        }
    }
}
