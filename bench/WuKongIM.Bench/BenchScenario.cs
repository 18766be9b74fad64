using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.Emulator.Core;

namespace WuKongIM.Bench
{
    /// <summary>One measured scenario. Add a class, then list it in <see cref="Program.Scenarios"/>.</summary>
    public interface IBenchScenario
    {
        /// <summary>Short, unique, used with --scenario.</summary>
        string Name { get; }

        string Description { get; }

        Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken);
    }

    /// <summary>What every scenario gets: an in-process emulator (reset before each scenario) and a client for it.</summary>
    public sealed class BenchContext
    {
        public BenchContext(EmulatorHost emulator, WKClient client, string workDirectory)
        {
            Emulator = emulator;
            Client = client;
            WorkDirectory = workDirectory;
        }

        public EmulatorHost Emulator { get; }
        public WKClient Client { get; }
        /// <summary>A scratch folder, deleted when the program ends.</summary>
        public string WorkDirectory { get; }
    }

    /// <summary>A scenario's outcome: pass/fail, and named metrics in the order they were added (numbers or text).</summary>
    public sealed class BenchResult
    {
        public BenchResult(string name) => Name = name;

        public string Name { get; }
        public bool Passed { get; set; } = true;
        public string? Failure { get; set; }
        public List<KeyValuePair<string, object>> Metrics { get; } = new();

        /// <summary>The figures this scenario contributes to the final JSON line (tracked from run to run).</summary>
        public List<KeyValuePair<string, double>> Figures { get; } = new();

        /// <summary>Adds a figure to the final JSON line and, under its short name, to the table.</summary>
        public BenchResult Figure(string key, double value)
        {
            Figures.Add(new KeyValuePair<string, double>(key, value));
            return this;
        }

        public BenchResult Add(string metric, object value)
        {
            Metrics.Add(new KeyValuePair<string, object>(metric, value));
            return this;
        }

        public BenchResult Fail(string why)
        {
            Passed = false;
            Failure = Failure == null ? why : Failure + "; " + why;
            return this;
        }
    }
}
