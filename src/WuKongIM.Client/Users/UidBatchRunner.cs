using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
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
}
