using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;
using WuKongIM.PowerShell;
using WuKongIM.Tests.Shared;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>
    /// Bulk runs under the emulator's fault injection, with the same pieces the cmdlets use (OrderedDispatcher with
    /// SendSafelyAsync for Send-WKMessage, GroupedChunkBuffer with WKBulk.RunChunkAsync for the subscriber cmdlets): every
    /// item ends done or failed with a reason, exactly once, and nothing is stored twice.
    /// </summary>
    public sealed class BulkFaultTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public BulkFaultTests(EmulatorFixture emulator) => _emulator = emulator;

        private WKClient NewClient() => new WKClient(new WKClientOptions
        {
            BaseUri = _emulator.BaseUri,
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        });

        /// <summary>
        /// Runs the blocking post-and-drain loop on a thread of its own, as a cmdlet does on the pipeline thread (blocking a
        /// thread-pool thread would starve the requests and the in-process emulator of threads on a small machine).
        /// </summary>
        private static Task OnPipelineThread(Action run) => Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        [Fact]
        public async Task Parallel_sends_under_errors_and_dropped_connections_store_each_message_once_and_report_each_item_once()
        {
            using WKClient client = NewClient();
            client.Messages.SafeSendLookupDelay = TimeSpan.FromMilliseconds(5);
            string prefix = EmulatorFixture.NewId("fs");
            var channels = Enumerable.Range(0, 30).Select(i => prefix + "-" + i).ToList();
            var inputs = Enumerable.Range(0, 300).Select(i => new WKSendMessage
            {
                ChannelId = channels[i % channels.Count],
                ChannelType = WKChannelType.Group,
                FromUid = "sender",
                Payload = Encoding.UTF8.GetBytes("m" + i),
            }).ToList();

            // 503 answers before processing, and connections dropped after the server stored the message (the ambiguous case).
            await _emulator.SetFaultsAsync(new { error_rate = 0.1, error_status = 503, drop_rate = 0.1, drop_after_processing = true, path_prefix = "/message/send" });
            var outcomes = new List<DispatchOutcome<WKSendMessage, WKSendResult>>();
            try
            {
                await OnPipelineThread(() =>
                {
                    using var dispatcher = new OrderedDispatcher<WKSendMessage, WKSendResult>(8, (m, ct) => client.Messages.SendSafelyAsync(m, ct), CancellationToken.None);
                    foreach (WKSendMessage message in inputs)
                    {
                        dispatcher.Post(message);
                        outcomes.AddRange(dispatcher.TakeCompleted());
                    }
                    outcomes.AddRange(dispatcher.Drain());
                });
            }
            finally
            {
                await _emulator.ClearFaultsAsync();
            }

            // Each input exactly once, in input order.
            Assert.Equal(inputs, outcomes.Select(o => o.Input));
            var stored = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string channel in channels)
            {
                await foreach (WKMessage m in client.Messages.GetChannelMessagesAsync(new WKChannelMessageQuery { ChannelId = channel, ChannelType = WKChannelType.Group }))
                {
                    stored[m.ClientMsgNo] = stored.TryGetValue(m.ClientMsgNo, out int n) ? n + 1 : 1;
                }
            }
            // Nothing stored twice; every success stored exactly once; every failure carries its reason.
            Assert.All(stored, pair => Assert.Equal(1, pair.Value));
            Assert.All(outcomes.Where(o => o.Succeeded), o => Assert.Equal(1, stored.GetValueOrDefault(o.Result!.ClientMsgNo)));
            Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.False(string.IsNullOrEmpty(o.Error!.Message)));
            // With 20% faulty attempts and up to four attempts each, practically every send gets through.
            Assert.True(outcomes.Count(o => o.Succeeded) >= 290, outcomes.Count(o => o.Succeeded) + " of 300 succeeded");
            Assert.Contains(outcomes, o => o.Succeeded && o.Result!.Outcome != WKSendOutcome.Sent);
        }

        [Fact]
        public async Task Subscriber_adds_under_injected_errors_lose_nothing_and_report_each_uid_once()
        {
            using WKClient client = NewClient();
            var channel = new WKChannelKey(EmulatorFixture.NewId("fsub"), WKChannelType.Group);
            var uids = Enumerable.Range(0, 20_000).Select(i => "u" + i).ToList();
            var buffer = new GroupedChunkBuffer<WKChannelKey, string>(500, dropDuplicates: true);
            var results = new List<WKBulkItemResult>();
            async Task SendAsync(WKChunk<WKChannelKey, string> chunk) =>
                results.AddRange(await WKBulk.RunChunkAsync("AddSubscriber", chunk.Key, chunk.Items, ct => client.Channels.AddSubscribersAsync(chunk.Key.ChannelId, chunk.Key.ChannelType, chunk.Items.ToList(), ct), CancellationToken.None));

            await _emulator.SetFaultsAsync(new { error_rate = 0.05, error_status = 503, path_prefix = "/channel/subscriber_add" });
            try
            {
                foreach (string uid in uids)
                {
                    if (buffer.Add(channel, uid, out WKChunk<WKChannelKey, string>? full) && full != null)
                    {
                        await SendAsync(full);
                    }
                }
                foreach (WKChunk<WKChannelKey, string> rest in buffer.Drain())
                {
                    await SendAsync(rest);
                }
            }
            finally
            {
                await _emulator.ClearFaultsAsync();
            }

            Assert.Equal(uids, results.Select(r => r.Uid));
            IReadOnlyList<string> subscribed = await client.Channels.GetSubscribersAsync(channel.ChannelId, channel.ChannelType, CancellationToken.None);
            var present = new HashSet<string>(subscribed, StringComparer.Ordinal);
            Assert.DoesNotContain(results, r => r.Status == WKBulkItemStatus.Succeeded && !present.Contains(r.Uid));
            Assert.All(results.Where(r => r.Status != WKBulkItemStatus.Succeeded), r => Assert.NotNull(r.Error));
        }

        [Fact]
        public void A_stop_while_waiting_for_a_free_slot_ends_the_run_promptly_and_starts_nothing_new()
        {
            using var stop = new CancellationTokenSource();
            int started = 0;
            using var dispatcher = new OrderedDispatcher<int, int>(2, async (i, ct) =>
            {
                Interlocked.Increment(ref started);
                await Task.Delay(Timeout.Infinite, ct);
                return i;
            }, stop.Token);
            dispatcher.Post(0);
            dispatcher.Post(1);
            stop.CancelAfter(100);
            var watch = Stopwatch.StartNew();
            // The third input waits for a slot that never frees: the stop must end that wait.
            Assert.ThrowsAny<OperationCanceledException>(() => dispatcher.Post(2));
            Assert.True(watch.ElapsedMilliseconds < 2000, "Post took " + watch.ElapsedMilliseconds + " ms to notice the stop");
            List<DispatchOutcome<int, int>> outcomes = dispatcher.Drain().ToList();
            Assert.Equal(new[] { 0, 1 }, outcomes.Select(o => o.Input));
            Assert.All(outcomes, o => Assert.IsAssignableFrom<OperationCanceledException>(o.Error));
            Assert.Equal(2, started);
        }

        [Fact]
        public async Task A_stop_during_a_parallel_run_against_the_server_sends_no_further_requests()
        {
            using WKClient client = NewClient();
            string prefix = EmulatorFixture.NewId("stop");
            // Warm the connection up first, so the stop lands in the middle of the run rather than before its first request.
            await client.Messages.SendSafelyAsync(new WKSendMessage { ChannelId = prefix, ChannelType = WKChannelType.Group, FromUid = "s", Payload = Encoding.UTF8.GetBytes("warm") });
            await _emulator.SetFaultsAsync(new { latency_ms = 100, path_prefix = "/message/send" });
            using var stop = new CancellationTokenSource();
            var outcomes = new List<DispatchOutcome<WKSendMessage, WKSendResult>>();
            int posted = 0;
            try
            {
                await _emulator.ResetStatsAsync();
                await OnPipelineThread(() =>
                {
                    using var dispatcher = new OrderedDispatcher<WKSendMessage, WKSendResult>(4, (m, ct) => client.Messages.SendSafelyAsync(m, ct), stop.Token);
                    try
                    {
                        for (int i = 0; i < 1000; i++)
                        {
                            dispatcher.Post(new WKSendMessage { ChannelId = prefix + i, ChannelType = WKChannelType.Group, FromUid = "s", Payload = Encoding.UTF8.GetBytes("x") });
                            posted++;
                            outcomes.AddRange(dispatcher.TakeCompleted());
                            // The user's Ctrl+C, as soon as something has been done (a fixed delay would make the test depend on load).
                            if (outcomes.Any(o => o.Succeeded))
                            {
                                stop.Cancel();
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // What the cmdlet turns into PipelineStoppedException.
                    }
                    outcomes.AddRange(dispatcher.Drain());
                });
                long requestsAtStop = await _emulator.RequestCountAsync("POST /message/send");
                await Task.Delay(300);
                Assert.Equal(requestsAtStop, await _emulator.RequestCountAsync("POST /message/send"));
                Assert.True(requestsAtStop >= 1 && requestsAtStop <= posted, requestsAtStop + " requests, " + posted + " posted; " + string.Join("; ", outcomes.Select(o => o.Error?.GetType().Name + ":" + o.Error?.Message)));
            }
            finally
            {
                await _emulator.ClearFaultsAsync();
            }
            // Four in flight, one more after the first finished, then the stop: nothing else may start.
            Assert.True(posted <= 8, posted + " sends were started although the run was stopped after the first one finished (4 at a time)");
            Assert.Equal(posted, outcomes.Count);
            // Done items are reported as done; the others as stopped, each once.
            Assert.Contains(outcomes, o => o.Succeeded);
            Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.IsAssignableFrom<OperationCanceledException>(o.Error));
        }
    }
}
