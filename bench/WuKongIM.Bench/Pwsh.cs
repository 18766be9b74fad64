using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace WuKongIM.Bench
{
    /// <summary>
    /// Runs the user's alternatives in a real host: PowerShell 7.6.10 from the repository's dotnet tool manifest
    /// (<c>dotnet tool restore</c> once, then <c>dotnet pwsh</c>), with the built module from out/WuKongIM.
    /// </summary>
    public static class Pwsh
    {
        /// <summary>The folder holding WuKongIM.sln (the tool manifest and out/ are found from there).</summary>
        public static string RepoRoot { get; } = FindRepoRoot();

        public static string ModulePath => Path.Combine(RepoRoot, "out", "WuKongIM", "WuKongIM.psd1");

        public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

        private static string FindRepoRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WuKongIM.sln")))
                {
                    return dir.FullName;
                }
            }
            return Directory.GetCurrentDirectory();
        }

        /// <summary>Throws with the fix when the module is not built.</summary>
        public static void RequireModule()
        {
            if (!File.Exists(ModulePath))
            {
                throw new InvalidOperationException("the module is not built at " + ModulePath + ": run dotnet build WuKongIM.sln -c Release");
            }
        }

        /// <summary>Runs a script with named arguments; returns its last line of output, parsed as a JSON object of number arrays.</summary>
        public static async Task<Dictionary<string, double[]>> RunScriptAsync(string script, IDictionary<string, string> arguments, TimeSpan timeout)
        {
            RequireModule();
            var args = new List<string> { "pwsh", "-NoProfile", "-NonInteractive", "-File", ScriptPath(script), "-Module", ModulePath };
            foreach (KeyValuePair<string, string> a in arguments)
            {
                args.Add("-" + a.Key);
                args.Add(a.Value);
            }
            (int exit, string stdout, string stderr, TimeSpan _) = await RunAsync(args, timeout).ConfigureAwait(false);
            string? last = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal));
            if (exit != 0 || last == null)
            {
                throw new InvalidOperationException(script + " exited " + exit + ": " + Tail(stderr.Length > 0 ? stderr : stdout));
            }
            var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
            using JsonDocument doc = JsonDocument.Parse(last);
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                result[p.Name] = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray() : new[] { p.Value.GetDouble() };
            }
            return result;
        }

        /// <summary>Runs <c>dotnet ARGS</c> in the repository root; the wall time is from start to exit.</summary>
        public static async Task<(int Exit, string Stdout, string Stderr, TimeSpan Wall)> RunAsync(IEnumerable<string> dotnetArguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in dotnetArguments)
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            var watch = Stopwatch.StartNew();
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet " + string.Join(" ", dotnetArguments) + " took longer than " + timeout);
            }
            watch.Stop();
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), watch.Elapsed);
        }

        private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : text.Substring(text.Length - 2000).Trim();
    }
}
