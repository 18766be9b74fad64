using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
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
}
