using System;
using System.Collections.Generic;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Collects pipeline input and hands it out in chunks of at most <see cref="BatchSize"/> items, so N piped items cost
    /// ceil(N / BatchSize) requests. Items still buffered when a terminating error ends the pipeline are not sent.
    /// </summary>
    public sealed class PipelineBatch<T>
    {
        private List<T> _items;

        public PipelineBatch(int batchSize)
        {
            if (batchSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch size must be at least 1.");
            }
            BatchSize = batchSize;
            _items = new List<T>(Math.Min(batchSize, 1024));
        }

        public int BatchSize { get; }
        public int Count => _items.Count;

        /// <summary>Adds an item; returns a full chunk when this item filled one, else null.</summary>
        public IReadOnlyList<T>? Add(T item)
        {
            _items.Add(item);
            return _items.Count >= BatchSize ? Take() : null;
        }

        /// <summary>The remaining items (possibly none), for EndProcessing.</summary>
        public IReadOnlyList<T> Drain() => Take();

        private IReadOnlyList<T> Take()
        {
            List<T> chunk = _items;
            _items = new List<T>(Math.Min(BatchSize, 1024));
            return chunk;
        }
    }
}
