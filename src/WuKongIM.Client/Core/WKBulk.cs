using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>What happened to one item of a bulk operation.</summary>
    public enum WKBulkItemStatus
    {
        /// <summary>The request carrying the item succeeded.</summary>
        Succeeded,
        /// <summary>The request carrying the item failed; <see cref="WKBulkItemResult.Error"/> says why.</summary>
        Failed,
        /// <summary>The item was never sent (invalid, a duplicate, or an earlier step it depended on failed).</summary>
        Skipped,
    }

    /// <summary>
    /// One item's outcome in a bulk operation, the one per-item shape of every batched cmdlet: what was attempted, on what,
    /// and how it went. For channel lists and system users <see cref="Uid"/> is the uid added or removed; for a user's own
    /// blocklist or allowlist <see cref="Uid"/> is the list's owner and <see cref="ListedUid"/> the uid listed, so rows pipe
    /// straight back into the matching Remove cmdlet.
    /// </summary>
    public sealed class WKBulkItemResult
    {
        public WKBulkItemResult(string operation, string? channelId, WKChannelType? channelType, string uid, WKBulkItemStatus status, string? error = null, Exception? exception = null, string? listedUid = null)
        {
            Operation = operation;
            ChannelId = channelId;
            ChannelType = channelType;
            Uid = uid;
            ListedUid = listedUid;
            Status = status;
            Error = error;
            Exception = exception;
        }

        /// <summary>What was attempted, for example <c>AddSubscriber</c>.</summary>
        public string Operation { get; }
        public string? ChannelId { get; }
        public WKChannelType? ChannelType { get; }
        public string Uid { get; }
        /// <summary>For a user's blocklist or allowlist: the uid added to or removed from the owner's (<see cref="Uid"/>) list.</summary>
        public string? ListedUid { get; }
        public WKBulkItemStatus Status { get; }
        /// <summary>The server's msg (or the client's reason) when the item failed or was skipped.</summary>
        public string? Error { get; }
        /// <summary>The exception that failed the item's request, shared by every item of that request.</summary>
        public Exception? Exception { get; }

        public override string ToString() => Operation + " " + Uid + (ListedUid == null ? string.Empty : " -> " + ListedUid) + ": " + Status + (Error == null ? string.Empty : " (" + Error + ")");
    }

    /// <summary>
    /// What the items of a bulk operation are done to, so every batched operation builds its per-item results the same way:
    /// a channel's list (<see cref="Channel"/>), one user's own list (<see cref="UserList"/>), or the server (<see cref="Server"/>,
    /// for example system uids).
    /// </summary>
    public sealed class WKBulkScope
    {
        private readonly WKChannelKey? _channel;
        private readonly string? _owner;

        private WKBulkScope(string operation, WKChannelKey? channel, string? owner)
        {
            Operation = operation;
            _channel = channel;
            _owner = owner;
        }

        public string Operation { get; }

        public static WKBulkScope Channel(string operation, WKChannelKey channel) => new WKBulkScope(operation, channel, null);

        /// <summary>A user's blocklist or allowlist: results carry the owner as Uid and each item as ListedUid.</summary>
        public static WKBulkScope UserList(string operation, string ownerUid) => new WKBulkScope(operation, null, ownerUid);

        public static WKBulkScope Server(string operation) => new WKBulkScope(operation, null, null);

        public WKBulkItemResult Result(string uid, WKBulkItemStatus status, string? error = null, Exception? exception = null) => _owner != null
            ? new WKBulkItemResult(Operation, null, null, _owner, status, error, exception, uid)
            : new WKBulkItemResult(Operation, _channel?.ChannelId, _channel?.ChannelType, uid, status, error, exception);

        /// <summary>For ShouldProcess targets and messages: the channel, the owner's list, or nothing.</summary>
        public override string ToString() => _channel?.ToString() ?? (_owner != null ? "user " + _owner : string.Empty);
    }

    /// <summary>A channel as a grouping key: the id and the type.</summary>
    public readonly struct WKChannelKey : IEquatable<WKChannelKey>
    {
        public WKChannelKey(string channelId, WKChannelType channelType)
        {
            ChannelId = channelId ?? string.Empty;
            ChannelType = channelType;
        }

        public string ChannelId { get; }
        public WKChannelType ChannelType { get; }

        public bool Equals(WKChannelKey other) => string.Equals(ChannelId, other.ChannelId, StringComparison.Ordinal) && ChannelType == other.ChannelType;
        public override bool Equals(object? obj) => obj is WKChannelKey other && Equals(other);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ChannelId ?? string.Empty) * 31 + (int)ChannelType;

        /// <summary>For messages and ShouldProcess targets, e.g. <c>channel g1 (Group)</c>.</summary>
        public override string ToString() => "channel " + ChannelId + " (" + ChannelType.ToString() + ")";
    }

    /// <summary>A chunk of items that belong to one key (one request's worth).</summary>
    public sealed class WKChunk<TKey, TItem>
    {
        public WKChunk(TKey key, IReadOnlyList<TItem> items, bool isFirstOfKey)
        {
            Key = key;
            Items = items;
            IsFirstOfKey = isFirstOfKey;
        }

        public TKey Key { get; }
        public IReadOnlyList<TItem> Items { get; }
        /// <summary>True for the first chunk cut for this key (replace operations reset the list with it).</summary>
        public bool IsFirstOfKey { get; }
    }

    /// <summary>
    /// Buffers streamed items per key (for example uids per channel) and cuts a chunk whenever one key has
    /// <see cref="ChunkSize"/> items, so N items of one key cost ceil(N / ChunkSize) requests however they are interleaved
    /// with other keys. Optionally drops repeated items of the same key. Holds no more than ChunkSize items per key,
    /// plus (with de-duplication) the set of items seen.
    /// </summary>
    public sealed class GroupedChunkBuffer<TKey, TItem>
    {
        private readonly Dictionary<TKey, List<TItem>> _buffers;
        private readonly List<TKey> _order = new List<TKey>();
        private readonly HashSet<TKey> _cut;
        private readonly Dictionary<TKey, HashSet<TItem>>? _seen;
        private readonly IEqualityComparer<TItem>? _itemComparer;
        private readonly IEqualityComparer<TKey> _keyComparer;
        // Piped input mostly repeats one key (uids into one channel): its buffer and seen-set are kept at hand, so an item
        // costs no key lookups while the key stays the same.
        private bool _hasLast;
        private TKey _lastKey = default!;
        private List<TItem>? _lastBuffer;
        private HashSet<TItem>? _lastSeen;

        public GroupedChunkBuffer(int chunkSize, bool dropDuplicates = false, IEqualityComparer<TKey>? keyComparer = null, IEqualityComparer<TItem>? itemComparer = null)
        {
            if (chunkSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkSize), "The chunk size must be at least 1.");
            }
            ChunkSize = chunkSize;
            _keyComparer = keyComparer ?? EqualityComparer<TKey>.Default;
            _buffers = new Dictionary<TKey, List<TItem>>(keyComparer ?? EqualityComparer<TKey>.Default);
            _cut = new HashSet<TKey>(keyComparer ?? EqualityComparer<TKey>.Default);
            _itemComparer = itemComparer;
            if (dropDuplicates)
            {
                _seen = new Dictionary<TKey, HashSet<TItem>>(keyComparer ?? EqualityComparer<TKey>.Default);
            }
        }

        public int ChunkSize { get; }

        /// <summary>Items waiting in buffers (not yet handed out in a chunk).</summary>
        public int BufferedCount { get; private set; }

        /// <summary>
        /// Adds one item. Returns false (and no chunk) when it repeats an earlier item of the same key and duplicates are
        /// dropped. When the item fills its key's buffer, <paramref name="full"/> is that chunk.
        /// </summary>
        public bool Add(TKey key, TItem item, out WKChunk<TKey, TItem>? full)
        {
            full = null;
            List<TItem> buffer;
            HashSet<TItem>? seen = null;
            if (_hasLast && _keyComparer.Equals(_lastKey, key))
            {
                buffer = _lastBuffer!;
                seen = _lastSeen;
            }
            else
            {
                if (_seen != null && !_seen.TryGetValue(key, out seen))
                {
                    seen = new HashSet<TItem>(_itemComparer ?? EqualityComparer<TItem>.Default);
                    _seen[key] = seen;
                }
                if (!_buffers.TryGetValue(key, out List<TItem>? existing))
                {
                    existing = new List<TItem>(Math.Min(ChunkSize, 1024));
                    _buffers[key] = existing;
                    _order.Add(key);
                }
                buffer = existing;
                _hasLast = true;
                _lastKey = key;
                _lastBuffer = buffer;
                _lastSeen = seen;
            }
            if (seen != null && !seen.Add(item))
            {
                return false;
            }
            buffer.Add(item);
            BufferedCount++;
            if (buffer.Count >= ChunkSize)
            {
                full = Cut(key, buffer);
            }
            return true;
        }

        /// <summary>Registers a key with no items, so <see cref="Drain"/> returns an empty chunk for it (replace with nothing).</summary>
        public void Touch(TKey key)
        {
            if (!_buffers.ContainsKey(key))
            {
                _buffers[key] = new List<TItem>();
                _order.Add(key);
            }
        }

        /// <summary>
        /// The remaining items as chunks, in the order the keys first appeared. A key whose items were all handed out yields
        /// nothing; a key that never got a chunk yields one (possibly empty, when registered with <see cref="Touch"/>).
        /// </summary>
        public IReadOnlyList<WKChunk<TKey, TItem>> Drain()
        {
            var chunks = new List<WKChunk<TKey, TItem>>();
            foreach (TKey key in _order)
            {
                List<TItem> buffer = _buffers[key];
                if (buffer.Count > 0 || !_cut.Contains(key))
                {
                    chunks.Add(Cut(key, buffer));
                }
            }
            _order.Clear();
            _buffers.Clear();
            _hasLast = false;
            _lastBuffer = null;
            _lastSeen = null;
            return chunks;
        }

        private WKChunk<TKey, TItem> Cut(TKey key, List<TItem> buffer)
        {
            bool first = _cut.Add(key);
            BufferedCount -= buffer.Count;
            var chunk = new WKChunk<TKey, TItem>(key, buffer.ToArray(), first);
            buffer.Clear();
            return chunk;
        }
    }

    /// <summary>
    /// The single-group case of <see cref="GroupedChunkBuffer{TKey, TItem}"/>: items handed out in chunks of at most
    /// <see cref="ChunkSize"/>, so N items cost ceil(N / ChunkSize) requests.
    /// </summary>
    public sealed class ChunkBuffer<TItem>
    {
        private readonly GroupedChunkBuffer<bool, TItem> _group;

        public ChunkBuffer(int chunkSize, bool dropDuplicates = false, IEqualityComparer<TItem>? itemComparer = null) =>
            _group = new GroupedChunkBuffer<bool, TItem>(chunkSize, dropDuplicates, itemComparer: itemComparer);

        public int ChunkSize => _group.ChunkSize;

        /// <summary>Items waiting (not yet handed out in a chunk).</summary>
        public int Count => _group.BufferedCount;

        /// <summary>Adds an item; returns a full chunk when this item filled one, else null (also for a dropped duplicate).</summary>
        public IReadOnlyList<TItem>? Add(TItem item)
        {
            _group.Add(true, item, out WKChunk<bool, TItem>? full);
            return full?.Items;
        }

        /// <summary>The remaining items (possibly none).</summary>
        public IReadOnlyList<TItem> Drain()
        {
            IReadOnlyList<WKChunk<bool, TItem>> rest = _group.Drain();
            return rest.Count == 0 ? Array.Empty<TItem>() : rest[0].Items;
        }
    }

    /// <summary>Runs one chunk's request and reports every item of the chunk, so a failed request names each uid it carried.</summary>
    public static class WKBulk
    {
        /// <summary>
        /// Sends one chunk and returns one result per uid: Succeeded when the request succeeded, Failed with the server's msg
        /// when it failed (an API error or a client-side validation error). Cancellation is not caught.
        /// </summary>
        public static async Task<IReadOnlyList<WKBulkItemResult>> RunChunkAsync(WKBulkScope scope, IReadOnlyList<string> uids, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception? failure = null;
            try
            {
                await send(cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex)
            {
                failure = ex;
            }
            catch (WKValidationException ex)
            {
                failure = ex;
            }
            return Results(scope, uids, failure == null ? WKBulkItemStatus.Succeeded : WKBulkItemStatus.Failed, failure);
        }

        /// <summary>The channel-list form of <see cref="RunChunkAsync(WKBulkScope, IReadOnlyList{string}, Func{CancellationToken, Task}, CancellationToken)"/>.</summary>
        public static Task<IReadOnlyList<WKBulkItemResult>> RunChunkAsync(string operation, WKChannelKey channel, IReadOnlyList<string> uids, Func<CancellationToken, Task> send, CancellationToken cancellationToken) =>
            RunChunkAsync(WKBulkScope.Channel(operation, channel), uids, send, cancellationToken);

        /// <summary>One result per uid with the same status; the error text is the server's msg when there is one.</summary>
        public static IReadOnlyList<WKBulkItemResult> Results(WKBulkScope scope, IReadOnlyList<string> uids, WKBulkItemStatus status, Exception? failure, string? reason = null)
        {
            string? error = reason ?? ErrorText(failure);
            var results = new WKBulkItemResult[uids.Count];
            for (int i = 0; i < uids.Count; i++)
            {
                results[i] = scope.Result(uids[i], status, error, failure);
            }
            return results;
        }

        public static IReadOnlyList<WKBulkItemResult> Results(string operation, WKChannelKey channel, IReadOnlyList<string> uids, WKBulkItemStatus status, Exception? failure, string? reason = null) =>
            Results(WKBulkScope.Channel(operation, channel), uids, status, failure, reason);

        public static string? ErrorText(Exception? failure) => failure switch
        {
            null => null,
            WKApiException api => api.ServerMessage ?? api.Message,
            _ => failure.Message,
        };

        /// <summary>A ShouldProcess target such as <c>channel g1 (Group): 1000 subscribers</c>.</summary>
        public static string Describe(WKChannelKey channel, int count, string noun) =>
            channel + ": " + count.ToString(CultureInfo.InvariantCulture) + " " + noun;
    }
}
