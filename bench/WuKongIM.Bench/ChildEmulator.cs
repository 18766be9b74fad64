using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace WuKongIM.Bench
{
    /// <summary>
    /// The emulator in a process of its own on 127.0.0.1 with a free port, for the scenarios that measure the client's
    /// memory: a history of a million messages held by an in-process emulator would be counted as the client's.
    /// </summary>
    public sealed class ChildEmulator : IDisposable
    {
        private readonly Process _process;

        private ChildEmulator(Process process, Uri baseUri)
        {
            _process = process;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        /// <summary>CPU time the emulator process has used so far (all its threads).</summary>
        public TimeSpan CpuTime
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        public static async Task<ChildEmulator> StartAsync()
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "WuKongIM.Emulator.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
            // First line: "WuKongIM emulator listening on http://127.0.0.1:PORT/ (...)".
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            const string marker = "listening on ";
            int at = line?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
            if (line == null || at < 0)
            {
                process.Kill();
                throw new InvalidOperationException("the emulator did not start: " + line + " " + await process.StandardError.ReadToEndAsync());
            }
            string rest = line.Substring(at + marker.Length);
            var uri = new Uri(rest.Substring(0, rest.IndexOf(' ') < 0 ? rest.Length : rest.IndexOf(' ')));
            return new ChildEmulator(process, uri);
        }

        /// <summary>Setup through the control route POST /_emulator/messages/fill (not measured).</summary>
        public async Task FillAsync(string channelId, int count)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            string json = JsonSerializer.Serialize(new { channel_id = channelId, channel_type = 2, count });
            using HttpResponseMessage response = await http.PostAsync(new Uri(BaseUri, "/_emulator/messages/fill"), new StringContent(json, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
        }
    }
}
