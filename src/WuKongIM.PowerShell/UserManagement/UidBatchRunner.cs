using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// The engine of every cmdlet that sends piped uids in chunks: each uid is checked as it arrives (a bad one is refused
    /// alone, with a <see cref="WKInvalidInputException"/>), good ones are buffered, and every full chunk is one request.
    /// N valid uids therefore cost ceil(N / BatchSize) requests.
    /// </summary>
    public sealed class UidBatchRunner<TResult>
    {
        private readonly PipelineBatch<string> _batch;
        private readonly Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<TResult>>> _send;

        public UidBatchRunner(int batchSize, Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<TResult>>> send)
        {
            _batch = new PipelineBatch<string>(batchSize);
            _send = send;
        }

        public int BatchSize => _batch.BatchSize;

        /// <summary>Checks and buffers a uid; returns a full chunk to send, else null. Throws for an invalid uid.</summary>
        public IReadOnlyList<string>? Add(string? uid) => _batch.Add(WKInputRules.Uid(uid));

        /// <summary>What is left at the end of the pipeline (possibly nothing).</summary>
        public IReadOnlyList<string> Drain() => _batch.Drain();

        public Task<IReadOnlyList<TResult>> SendAsync(IReadOnlyList<string> chunk, CancellationToken cancellationToken) => _send(chunk, cancellationToken);

        /// <summary>The whole pipeline at once, as the cmdlets run it item by item (used by scripts and tests).</summary>
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

        /// <summary>One result row per uid of a chunk, for list endpoints whose answer is only "OK".</summary>
        public static IReadOnlyList<WKUserResult> Succeeded(IReadOnlyList<string> chunk, string action, string? ownerUid = null)
        {
            var rows = new List<WKUserResult>(chunk.Count);
            foreach (string uid in chunk)
            {
                rows.Add(ownerUid == null ? new WKUserResult { Uid = uid, Action = action } : new WKUserResult { Uid = ownerUid, ListedUid = uid, Action = action });
            }
            return rows;
        }

        /// <summary>One failed row per uid of a chunk whose request failed.</summary>
        public static IReadOnlyList<WKUserResult> Failed(IReadOnlyList<string> chunk, string action, Exception error, string? ownerUid = null)
        {
            var rows = new List<WKUserResult>(chunk.Count);
            foreach (string uid in chunk)
            {
                rows.Add(new WKUserResult { Uid = ownerUid ?? uid, ListedUid = ownerUid == null ? null : uid, Action = action, Status = WKUserResultStatus.Failed, Error = error.Message });
            }
            return rows;
        }
    }

    /// <summary>Buffers (owner, uid) pairs per owner, so a user's list changes go out in chunks of at most BatchSize uids.</summary>
    public sealed class OwnerBatch
    {
        private readonly Dictionary<string, List<string>> _pending = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();

        public OwnerBatch(int batchSize)
        {
            if (batchSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch size must be at least 1.");
            }
            BatchSize = batchSize;
        }

        public int BatchSize { get; }

        /// <summary>Checks both uids and buffers; returns a full chunk for the owner, else null.</summary>
        public KeyValuePair<string, IReadOnlyList<string>>? Add(string? ownerUid, string? uid, string ownerParam, string uidParam)
        {
            string owner = WKInputRules.Uid(ownerUid, ownerParam);
            string listed = WKInputRules.Uid(uid, uidParam);
            if (!_pending.TryGetValue(owner, out List<string>? list))
            {
                _pending[owner] = list = new List<string>();
                _order.Add(owner);
            }
            list.Add(listed);
            if (list.Count < BatchSize)
            {
                return null;
            }
            _pending.Remove(owner);
            _order.Remove(owner);
            return new KeyValuePair<string, IReadOnlyList<string>>(owner, list);
        }

        /// <summary>Every owner's remaining uids, in the order owners first appeared.</summary>
        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Drain()
        {
            var chunks = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            foreach (string owner in _order)
            {
                chunks.Add(new KeyValuePair<string, IReadOnlyList<string>>(owner, _pending[owner]));
            }
            _pending.Clear();
            _order.Clear();
            return chunks;
        }
    }
}

namespace WuKongIM.PowerShell
{
    /// <summary>The batch runners of the bulk user cmdlets, built in one place so scripts and tests run exactly what the cmdlets run.</summary>
    public static class WKUserBatches
    {
        public static UidBatchRunner<WKOnlineStatus> OnlineStatus(WKClient client, int batchSize) =>
            new UidBatchRunner<WKOnlineStatus>(batchSize, (chunk, ct) => client.Users.GetOnlineStatusAsync(new List<string>(chunk), ct));

        public static UidBatchRunner<WKUserResult> SystemUsers(WKClient client, int batchSize, bool add)
        {
            string action = add ? "AddSystemUser" : "RemoveSystemUser";
            return new UidBatchRunner<WKUserResult>(batchSize, async (chunk, ct) =>
            {
                var uids = new List<string>(chunk);
                if (add)
                {
                    await client.Users.AddSystemUidsAsync(uids, ct).ConfigureAwait(false);
                }
                else
                {
                    await client.Users.RemoveSystemUidsAsync(uids, ct).ConfigureAwait(false);
                }
                return UidBatchRunner<WKUserResult>.Succeeded(chunk, action);
            });
        }
    }
}
