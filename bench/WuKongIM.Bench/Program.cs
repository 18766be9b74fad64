using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Emulator.Core;

namespace WuKongIM.Bench
{
    /// <summary>
    /// Measures bulk work against an in-process emulator over real HTTP. Prints one table row per scenario and, last, one
    /// JSON line with every result (for CI and for comparing runs).
    /// Usage: WuKongIM.Bench [--scenario NAME]... [--list]
    /// Run everything: dotnet run -c Release --project bench/WuKongIM.Bench
    /// </summary>
    public static class Program
    {
        /// <summary>Every scenario, in run order. Add new ones here.</summary>
        public static IReadOnlyList<IBenchScenario> Scenarios { get; } = new IBenchScenario[]
        {
            new SubscribersScenario(100_000, batchSize: 1000),
            new OnlineStatusScenario(100_000, batchSize: 1000, online: 1000),
            new SendScenario(1_000, latencyMs: 20, throttleLimit: 16, rounds: 5, sequential: 150),
            new ExportScenario(100_000, rawRounds: 5),
            new ExportScenario(1_000_000),
            new OverheadScenario(40_000, concurrency: 8, rounds: 6),
            new RawClientScenario(connections: 64, rounds: 5),
            new PwshBulkScenario(100_000, rounds: 5),
            new PwshSendScenario(400, latencyMs: 20, throttleLimit: 16, rounds: 5),
            new PwshExportScenario(10_000, rounds: 5),
            new ImportScenario(rounds: 5),
            new SubscribersScenario(100_000, batchSize: 1000, errorRate: 0.05),
        };

        public static async Task<int> Main(string[] args)
        {
            var selected = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--scenario" when i + 1 < args.Length:
                        selected.Add(args[++i]);
                        break;
                    case "--list":
                        foreach (IBenchScenario s in Scenarios)
                        {
                            Console.WriteLine(s.Name.PadRight(24) + s.Description);
                        }
                        return 0;
                    default:
                        Console.Error.WriteLine("Usage: WuKongIM.Bench [--scenario NAME]... [--list]");
                        return 2;
                }
            }
            List<IBenchScenario> run = selected.Count == 0 ? Scenarios.ToList() : Scenarios.Where(s => selected.Contains(s.Name)).ToList();
            if (run.Count == 0)
            {
                Console.Error.WriteLine("No scenario matches; see --list.");
                return 2;
            }

            string work = Path.Combine(Path.GetTempPath(), "wukongim-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            var results = new List<BenchResult>();
            try
            {
                await using EmulatorHost emulator = await EmulatorHost.StartAsync();
                using var client = new WKClient(new WKClientOptions { BaseUri = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(120) });
                var context = new BenchContext(emulator, client, work);
                foreach (IBenchScenario scenario in run)
                {
                    emulator.App.Reset();
                    BenchResult result;
                    var took = System.Diagnostics.Stopwatch.StartNew();
                    try
                    {
                        result = await scenario.RunAsync(context, CancellationToken.None);
                    }
                    catch (Exception ex)
                    {
                        result = new BenchResult(scenario.Name).Fail(ex.GetType().Name + ": " + ex.Message);
                    }
                    results.Add(result);
                    Console.WriteLine(result.Name + ": " + (result.Passed ? "PASS" : "FAIL - " + result.Failure) + " (" + took.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s)");
                }
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
            CheckExportMemoryIsFlat(results);
            PrintTable(results);
            bool targetsMet = CheckTargets(results);
            // The last line: one flat JSON object with every figure, so runs can be compared.
            var figures = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (BenchResult r in results)
            {
                foreach (KeyValuePair<string, double> figure in r.Figures)
                {
                    figures[figure.Key] = figure.Value;
                }
            }
            if (figures.TryGetValue("export_msgs_per_s_1m", out object? rate) || figures.TryGetValue("export_msgs_per_s_100k", out rate))
            {
                figures["export_msgs_per_s"] = rate;
            }
            figures["passed"] = results.All(r => r.Passed) && targetsMet;
            figures["failures"] = results.Where(r => !r.Passed).Select(r => r.Name + ": " + r.Failure).ToArray();
            figures["scenarios"] = results.Select(r => r.Name).ToArray();
            Console.WriteLine(JsonSerializer.Serialize(figures));
            return results.All(r => r.Passed) && targetsMet ? 0 : 1;
        }

        /// <summary>The targets of issue 14: key, bound, and whether the figure must stay at or below it (else at or above).</summary>
        public static IReadOnlyList<(string Key, double Bound, bool AtMost)> Targets { get; } = new[]
        {
            ("piped_vs_batched_irm_ratio", 1.3, true),
            ("array_vs_batched_irm_ratio", 1.05, true),
            ("export_vs_raw_ratio", 0.6, false),
            ("client_vs_raw_ratio", 0.8, false),
            ("client_overhead_ratio", 1.10, true),
            ("send_parallel_efficiency", 0.95, false),
            ("send_vs_foreach_parallel_ratio", 0.5, true),
            ("emulator_cpu_per_wall_at_latency", 0.1, true),
            ("import_ms", 250, true),
            ("peak_vs_100k", 1.5, true),
        };

        /// <summary>Prints PASS/FAIL per target whose figure this run measured; true when every measured one is met.</summary>
        private static bool CheckTargets(IReadOnlyList<BenchResult> results)
        {
            var figures = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, double> f in results.SelectMany(r => r.Figures))
            {
                figures[f.Key] = f.Value;
            }
            bool all = true;
            Console.WriteLine("target                           | figure    | bound        | result");
            foreach ((string key, double bound, bool atMost) in Targets)
            {
                if (!figures.TryGetValue(key, out double value))
                {
                    continue;
                }
                bool ok = atMost ? value <= bound : value >= bound;
                all &= ok;
                Console.WriteLine(key.PadRight(32) + " | " + value.ToString("0.###", CultureInfo.InvariantCulture).PadLeft(9) + " | "
                    + ((atMost ? "<= " : ">= ") + bound.ToString("0.###", CultureInfo.InvariantCulture)).PadRight(12) + " | " + (ok ? "PASS" : "FAIL"));
            }
            Console.WriteLine();
            return all;
        }

        /// <summary>Memory must not grow with the history's length: the 1M export's peak against the 100k one (target peak_vs_100k &lt;= 1.5).</summary>
        private static void CheckExportMemoryIsFlat(IReadOnlyList<BenchResult> results)
        {
            BenchResult? small = results.FirstOrDefault(r => r.Name == "export-100k");
            BenchResult? large = results.FirstOrDefault(r => r.Name == "export-1m");
            if (small == null || large == null)
            {
                return;
            }
            double peakSmall = small.Figures.First(f => f.Key == "export_peak_mb_100k").Value;
            double peakLarge = large.Figures.First(f => f.Key == "export_peak_mb_1m").Value;
            double ratio = peakLarge / Math.Max(peakSmall, 1);
            large.Add("peak_vs_100k", Math.Round(ratio, 2)).Figure("peak_vs_100k", Math.Round(ratio, 2));
        }

        /// <summary>One column per scenario, one row per metric (the union, in first-seen order).</summary>
        private static void PrintTable(IReadOnlyList<BenchResult> results)
        {
            var metrics = new List<string> { "result" };
            foreach (BenchResult r in results)
            {
                metrics.AddRange(r.Metrics.Select(m => m.Key).Where(k => !metrics.Contains(k)));
            }
            string Cell(BenchResult r, string metric) => metric == "result"
                ? (r.Passed ? "PASS" : "FAIL")
                : r.Metrics.Where(m => m.Key == metric).Select(m => Convert.ToString(m.Value, CultureInfo.InvariantCulture) ?? string.Empty).FirstOrDefault() ?? "-";
            int first = Math.Max("metric".Length, metrics.Max(m => m.Length));
            var widths = results.Select(r => Math.Max(r.Name.Length, metrics.Max(m => Cell(r, m).Length))).ToList();
            Console.WriteLine();
            Console.WriteLine("metric".PadRight(first) + " | " + string.Join(" | ", results.Select((r, i) => r.Name.PadLeft(widths[i]))));
            Console.WriteLine(new string('-', first) + "-+-" + string.Join("-+-", widths.Select(w => new string('-', w))));
            foreach (string metric in metrics)
            {
                Console.WriteLine(metric.PadRight(first) + " | " + string.Join(" | ", results.Select((r, i) => Cell(r, metric).PadLeft(widths[i]))));
            }
            Console.WriteLine();
        }
    }
}
