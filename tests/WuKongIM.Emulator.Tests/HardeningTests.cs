using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WuKongIM.Emulator.Core;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>Issue 12 items 6 and 7: with a manager token set, the control routes need it too, and no body is read before the token is checked.</summary>
    public sealed class ControlRouteTokenTests : IClassFixture<TokenEmulatorFixture>
    {
        private readonly TokenEmulatorFixture _emulator;

        public ControlRouteTokenTests(TokenEmulatorFixture emulator) => _emulator = emulator;

        [Theory]
        [InlineData("GET", "/_emulator/stats")]
        [InlineData("GET", "/_emulator/faults")]
        [InlineData("POST", "/_emulator/faults")]
        [InlineData("DELETE", "/_emulator/faults")]
        [InlineData("POST", "/_emulator/reset")]
        [InlineData("POST", "/_emulator/stats/reset")]
        [InlineData("POST", "/_emulator/connections")]
        [InlineData("POST", "/_emulator/messages/fill")]
        public async Task Control_routes_answer_401_without_the_token_or_with_a_wrong_one(string method, string path)
        {
            foreach (string? token in new[] { null, "wrong" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), _emulator.Url(path));
                if (method == "POST") request.Content = new StringContent("{\"error_rate\":1.0}", Encoding.UTF8, "application/json");
                if (token != null) request.Headers.Add("token", token);
                using HttpResponseMessage response = await _emulator.Http.SendAsync(request);
                Assert.Equal(401, (int)response.StatusCode);
                Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
            }
        }

        [Fact]
        public async Task An_unauthenticated_fault_setting_changes_nothing_and_the_token_holder_can_still_use_the_routes()
        {
            using (var request = new HttpRequestMessage(HttpMethod.Post, _emulator.Url("/_emulator/faults")) { Content = new StringContent("{\"error_rate\":1.0}", Encoding.UTF8, "application/json") })
            using (HttpResponseMessage refused = await _emulator.Http.SendAsync(request))
            {
                Assert.Equal(401, (int)refused.StatusCode);
            }
            var (status, body, _) = await _emulator.GetRawAsync("/_emulator/faults");
            Assert.Equal(200, status);
            Assert.Contains("\"error_rate\":0", body);
            Assert.Equal(200, (await _emulator.GetRawAsync("/health")).Status);
        }

        [Theory]
        [InlineData("/health")]
        [InlineData("/_emulator/stats")]
        public async Task A_request_without_the_token_is_answered_before_its_body_arrives(string path)
        {
            // Headers announce 50 MB and not one byte of body follows: only a server that checks the token before it
            // reads the body can answer (the old pipeline buffered the body first and waited for it forever).
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(_emulator.BaseUri.Host, _emulator.BaseUri.Port);
            NetworkStream stream = tcp.GetStream();
            string head = "POST " + path + " HTTP/1.1\r\nHost: " + _emulator.BaseUri.Authority + "\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var buffer = new byte[256];
            int read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("HTTP/1.1 401", Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    /// <summary>Issue 12 item 7: a configurable cap on request bodies, answered 413 before the body is buffered.</summary>
    public sealed class BodyCapTests
    {
        [Fact]
        public async Task A_body_above_the_cap_is_413_and_one_at_the_cap_is_handled()
        {
            // A small cap keeps every body inside the socket buffers, so the early 413 never races the client's writing.
            await using EmulatorHost host = await EmulatorHost.StartAsync("http://127.0.0.1:0", new EmulatorOptions { MaxRequestBodyBytes = 1024 });
            using var http = new HttpClient();
            using (HttpResponseMessage big = await http.PostAsync(new Uri(host.BaseUri, "/user/onlinestatus"), new ByteArrayContent(Filled(1025))))
            {
                Assert.Equal(413, (int)big.StatusCode);
                Assert.Contains("1024", await big.Content.ReadAsStringAsync());
            }
            // Without a Content-Length (chunked), the cap holds while reading.
            using (var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUri, "/user/onlinestatus")) { Content = new StreamContent(new NoLengthStream(Filled(4096))) })
            using (HttpResponseMessage big = await http.SendAsync(chunked))
            {
                Assert.Equal(413, (int)big.StatusCode);
            }
            // A body at the cap reaches the handler, which answers with Go's decode error.
            using HttpResponseMessage fits = await http.PostAsync(new Uri(host.BaseUri, "/user/onlinestatus"), new ByteArrayContent(Filled(1024)));
            Assert.Equal(400, (int)fits.StatusCode);
        }

        [Fact]
        public void The_default_cap_is_32_MiB()
        {
            Assert.Equal(32L * 1024 * 1024, new EmulatorOptions().MaxRequestBodyBytes);
        }

        private static byte[] Filled(int size)
        {
            var bytes = new byte[size];
            Array.Fill(bytes, (byte)'x');
            return bytes;
        }

        /// <summary>A stream that hides its length, so HttpClient sends it chunked.</summary>
        private sealed class NoLengthStream : MemoryStream
        {
            public NoLengthStream(byte[] data) : base(data) { }
            public override bool CanSeek => false;
        }
    }

    /// <summary>
    /// Issue 12 item 7: large requests do not keep the emulator's memory. Measured on an emulator in a process of its own
    /// (an in-process one would share the test's heap), by its working set.
    /// </summary>
    public sealed class LargeRequestMemoryTests
    {
        [Fact]
        public async Task Memory_goes_back_down_after_large_requests_with_and_without_the_token()
        {
            using ChildProcessEmulator child = await ChildProcessEmulator.StartAsync("--manager-token", "memory-test-token", "--max-body-bytes", (64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            // Warm up, so the baseline includes the JIT and the first buffers.
            for (int i = 0; i < 3; i++)
            {
                await PostAsync(http, child.BaseUri, new byte[1024 * 1024], "memory-test-token");
            }
            long baseline = child.WorkingSet();
            byte[] body = new byte[50 * 1024 * 1024];
            Array.Fill(body, (byte)'x');
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(401, await PostAsync(http, child.BaseUri, body, token: null));
            }
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(400, await PostAsync(http, child.BaseUri, body, "memory-test-token"));
            }
            long after = child.WorkingSet();
            Assert.True(after < baseline + (150L * 1024 * 1024), "working set grew from " + (baseline >> 20) + " MB to " + (after >> 20) + " MB after 16 requests of 50 MB");
        }

        private static async Task<int> PostAsync(HttpClient http, Uri baseUri, byte[] body, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/user/onlinestatus")) { Content = new ByteArrayContent(body) };
            if (token != null) request.Headers.Add("token", token);
            using HttpResponseMessage response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
    }

    /// <summary>The built emulator in a child process on a free loopback port.</summary>
    internal sealed class ChildProcessEmulator : IDisposable
    {
        private readonly Process _process;

        private ChildProcessEmulator(Process process, Uri baseUri)
        {
            _process = process;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public long WorkingSet()
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }

        public static async Task<ChildProcessEmulator> StartAsync(params string[] args)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "WuKongIM.Emulator.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            foreach (string arg in args) start.ArgumentList.Add(arg);
            Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            const string marker = "listening on ";
            int at = line?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
            if (line == null || at < 0)
            {
                process.Kill();
                throw new InvalidOperationException("the emulator did not start: " + line + " " + await process.StandardError.ReadToEndAsync());
            }
            string rest = line.Substring(at + marker.Length);
            int space = rest.IndexOf(' ');
            return new ChildProcessEmulator(process, new Uri(space < 0 ? rest : rest.Substring(0, space)));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }

    /// <summary>Issue 12 item 15: an optional bound on stored messages, per channel or in total, dropping the oldest.</summary>
    public sealed class MessageCapTests
    {
        [Fact]
        public async Task A_per_channel_cap_keeps_the_newest_messages_and_seqs_keep_counting()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync("http://127.0.0.1:0", new EmulatorOptions { MaxMessagesPerChannel = 3 });
            using var http = new HttpClient();
            var ids = new List<long>();
            for (int i = 1; i <= 5; i++)
            {
                ids.Add(await SendAsync(http, host.BaseUri, "capped", i));
            }
            await SendAsync(http, host.BaseUri, "other", 1);

            Assert.Equal(new ulong[] { 3, 4, 5 }, await SeqsAsync(http, host.BaseUri, "capped", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
            Assert.Equal(new ulong[] { 3, 4, 5 }, await SeqsAsync(http, host.BaseUri, "capped", "{\"start_message_seq\":1,\"end_message_seq\":0,\"pull_mode\":1,\"limit\":100}"));
            Assert.Equal(new ulong[] { 3, 4 }, await SeqsAsync(http, host.BaseUri, "capped", "{\"start_message_seq\":4,\"end_message_seq\":0,\"pull_mode\":0,\"limit\":10}"));
            Assert.Equal(new ulong[] { 1 }, await SeqsAsync(http, host.BaseUri, "other", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
            Assert.Contains("\"message_seq\":5", await http.GetStringAsync(new Uri(host.BaseUri, "/channel/max_message_seq?channel_id=capped&channel_type=2")));
            // A dropped message is gone from the id index too; a kept one is still found.
            string dropped = await PostAsync(http, host.BaseUri, "/messages", "{\"channel_id\":\"capped\",\"channel_type\":2,\"message_ids\":[" + ids[0] + "," + ids[4] + "]}");
            Assert.DoesNotContain("\"message_seq\":1,", dropped);
            Assert.Contains("\"message_seq\":5", dropped);
            // The next send continues after the last seq, not after the number kept.
            await SendAsync(http, host.BaseUri, "capped", 6);
            Assert.Equal(new ulong[] { 4, 5, 6 }, await SeqsAsync(http, host.BaseUri, "capped", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
        }

        [Fact]
        public async Task A_total_cap_drops_the_oldest_message_of_the_whole_store()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync("http://127.0.0.1:0", new EmulatorOptions { MaxMessagesTotal = 4 });
            using var http = new HttpClient();
            await SendAsync(http, host.BaseUri, "a", 1);
            await SendAsync(http, host.BaseUri, "b", 1);
            await SendAsync(http, host.BaseUri, "a", 2);
            await SendAsync(http, host.BaseUri, "b", 2);
            await SendAsync(http, host.BaseUri, "b", 3);
            await SendAsync(http, host.BaseUri, "b", 4);
            Assert.Equal(new ulong[] { 2 }, await SeqsAsync(http, host.BaseUri, "a", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
            Assert.Equal(new ulong[] { 2, 3, 4 }, await SeqsAsync(http, host.BaseUri, "b", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
            // A reset keeps the configured cap.
            using (HttpResponseMessage r = await http.PostAsync(new Uri(host.BaseUri, "/_emulator/reset"), null)) r.EnsureSuccessStatusCode();
            for (int i = 1; i <= 6; i++) await SendAsync(http, host.BaseUri, "c", i);
            Assert.Equal(new ulong[] { 3, 4, 5, 6 }, await SeqsAsync(http, host.BaseUri, "c", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
        }

        [Fact]
        public async Task Without_a_cap_nothing_is_dropped()
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync("http://127.0.0.1:0", new EmulatorOptions());
            using var http = new HttpClient();
            for (int i = 1; i <= 5; i++) await SendAsync(http, host.BaseUri, "free", i);
            Assert.Equal(new ulong[] { 1, 2, 3, 4, 5 }, await SeqsAsync(http, host.BaseUri, "free", "{\"start_message_seq\":0,\"end_message_seq\":0,\"limit\":100}"));
        }

        private static async Task<long> SendAsync(HttpClient http, Uri baseUri, string channel, int n)
        {
            string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("m" + n));
            string body = await PostAsync(http, baseUri, "/message/send", "{\"channel_id\":\"" + channel + "\",\"channel_type\":2,\"from_uid\":\"u1\",\"payload\":\"" + payload + "\"}");
            using JsonDocument doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("data").GetProperty("message_id").GetInt64();
        }

        private static async Task<ulong[]> SeqsAsync(HttpClient http, Uri baseUri, string channel, string range)
        {
            string json = range.Insert(1, "\"login_uid\":\"u1\",\"channel_id\":\"" + channel + "\",\"channel_type\":2,");
            using JsonDocument doc = JsonDocument.Parse(await PostAsync(http, baseUri, "/channel/messagesync", json));
            var seqs = new List<ulong>();
            foreach (JsonElement m in doc.RootElement.GetProperty("messages").EnumerateArray()) seqs.Add(m.GetProperty("message_seq").GetUInt64());
            return seqs.ToArray();
        }

        private static async Task<string> PostAsync(HttpClient http, Uri baseUri, string path, string json)
        {
            using HttpResponseMessage r = await http.PostAsync(new Uri(baseUri, path), new StringContent(json, Encoding.UTF8, "application/json"));
            string text = await r.Content.ReadAsStringAsync();
            Assert.True(r.IsSuccessStatusCode, path + ": " + text);
            return text;
        }
    }
}
