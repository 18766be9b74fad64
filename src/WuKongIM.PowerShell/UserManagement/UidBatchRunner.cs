using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// The engine of every cmdlet that sends piped uids in chunks: each uid is checked as it arrives (a bad one is refused
    /// alone, with a <see cref="WKInvalidInputException"/>), good ones are buffered in the shared <see cref="ChunkBuffer{TItem}"/>,
    /// and every full chunk is one request. N valid uids therefore cost ceil(N / BatchSize) requests.
    /// </summary>
    public sealed class UidBatchRunner<TResult>
    {
        private readonly ChunkBuffer<string> _batch;
        private readonly Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<TResult>>> _send;

        /// <param name="dropDuplicates">True to send each uid once over the whole run (a repeat gets no second result).</param>
        public UidBatchRunner(int batchSize, Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<TResult>>> send, bool dropDuplicates = false)
        {
            _batch = new ChunkBuffer<string>(batchSize, dropDuplicates, StringComparer.Ordinal);
            _send = send;
        }

        public int BatchSize => _batch.ChunkSize;

        /// <summary>Checks and buffers a uid; returns a full chunk to send, else null. Throws for an invalid uid.</summary>
        public IReadOnlyList<string>? Add(string? uid) => _batch.Add(WKInputRules.Uid(uid));

        /// <summary>What is left at the end of the pipeline (possibly nothing).</summary>
        public IReadOnlyList<string> Drain() => _batch.Drain();

        public Task<IReadOnlyList<TResult>> SendAsync(IReadOnlyList<string> chunk, CancellationToken cancellationToken) => _send(chunk, cancellationToken);

        /// <summary>The whole pipeline at once, as the cmdlets run it item by item (used by scripts, tests and the bench).</summary>
        public async Task<IReadOnlyList<TResult>> RunAsync(IEnumerable<string?> uids, CancellationToken cancellationToken = default)
        {
            var results = new List<TResult>();
            foreach (string? uid in uids)
            {
                IReadOnlyList<string>? chunk = Add(uid);
                if (chunk != null)
                {
                    results.AddRange(await SendAsync(chunk, cancellationToken).ConfigureAwait(false));
                }
            }
            IReadOnlyList<string> rest = Drain();
            if (rest.Count > 0)
            {
                results.AddRange(await SendAsync(rest, cancellationToken).ConfigureAwait(false));
            }
            return results;
        }
    }

    /// <summary>
    /// Buffers (owner, uid) pairs per owner in the shared <see cref="GroupedChunkBuffer{TKey, TItem}"/>, so a user's list
    /// changes go out in chunks of at most BatchSize uids; both uids are checked first.
    /// </summary>
    public sealed class OwnerBatch
    {
        private readonly GroupedChunkBuffer<string, string> _pending;

        public OwnerBatch(int batchSize) => _pending = new GroupedChunkBuffer<string, string>(batchSize, keyComparer: StringComparer.Ordinal);

        public int BatchSize => _pending.ChunkSize;

        /// <summary>Checks both uids and buffers; returns a full chunk for the owner, else null.</summary>
        public KeyValuePair<string, IReadOnlyList<string>>? Add(string? ownerUid, string? uid, string ownerParam, string uidParam)
        {
            string owner = WKInputRules.Uid(ownerUid, ownerParam);
            string listed = WKInputRules.Uid(uid, uidParam);
            _pending.Add(owner, listed, out WKChunk<string, string>? full);
            return full == null ? (KeyValuePair<string, IReadOnlyList<string>>?)null : new KeyValuePair<string, IReadOnlyList<string>>(full.Key, full.Items);
        }

        /// <summary>Every owner's remaining uids, in the order owners first appeared.</summary>
        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Drain()
        {
            var chunks = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            foreach (WKChunk<string, string> chunk in _pending.Drain())
            {
                chunks.Add(new KeyValuePair<string, IReadOnlyList<string>>(chunk.Key, chunk.Items));
            }
            return chunks;
        }
    }

    /// <summary>The batch runners of the bulk user cmdlets, built in one place so scripts and tests run exactly what the cmdlets run.</summary>
    public static class WKUserBatches
    {
        /// <summary>One row per distinct uid over the whole run, whichever batch a repeat falls into.</summary>
        public static UidBatchRunner<WKOnlineStatus> OnlineStatus(WKClient client, int batchSize) =>
            new UidBatchRunner<WKOnlineStatus>(batchSize, (chunk, ct) => client.Users.GetOnlineStatusAsync(new List<string>(chunk), ct), dropDuplicates: true);

        /// <summary>One result per uid; a failed request gives Failed rows with the server's reason (it does not throw).</summary>
        public static UidBatchRunner<WKBulkItemResult> SystemUsers(WKClient client, int batchSize, bool add)
        {
            WKBulkScope scope = WKBulkScope.Server(add ? "AddSystemUser" : "RemoveSystemUser");
            return new UidBatchRunner<WKBulkItemResult>(batchSize, (chunk, ct) => WKBulk.RunChunkAsync(scope, chunk, c => add
                ? client.Users.AddSystemUidsAsync(new List<string>(chunk), c)
                : client.Users.RemoveSystemUidsAsync(new List<string>(chunk), c), ct));
        }
    }
}
