using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>ChunkBuffer (the single-group form of the shared GroupedChunkBuffer): N piped items cost ceil(N / size) chunks, in order, nothing lost.</summary>
    public sealed class ChunkBufferTests
    {
        [Theory]
        [InlineData(0, 1)]
        [InlineData(1, 1)]
        [InlineData(5, 1)]
        [InlineData(1, 100)]
        [InlineData(99, 100)]
        [InlineData(100, 100)]
        [InlineData(101, 100)]
        [InlineData(1000, 7)]
        [InlineData(10001, 1000)]
        public void Items_come_out_in_ceil_N_over_size_chunks_in_order(int count, int size)
        {
            var batch = new ChunkBuffer<int>(size);
            var chunks = new List<IReadOnlyList<int>>();
            for (int i = 0; i < count; i++)
            {
                IReadOnlyList<int>? full = batch.Add(i);
                if (full != null)
                {
                    Assert.Equal(size, full.Count);
                    chunks.Add(full);
                }
            }
            IReadOnlyList<int> rest = batch.Drain();
            if (rest.Count > 0)
            {
                chunks.Add(rest);
            }
            Assert.Equal(0, batch.Count);
            Assert.Equal((count + size - 1) / size, chunks.Count);
            Assert.All(chunks, c => Assert.InRange(c.Count, 1, size));
            Assert.Equal(Enumerable.Range(0, count), chunks.SelectMany(c => c));
            Assert.Empty(batch.Drain());
        }

        [Fact]
        public void A_handed_out_chunk_is_not_changed_by_later_items()
        {
            var batch = new ChunkBuffer<string>(2);
            batch.Add("a");
            IReadOnlyList<string> first = batch.Add("b")!;
            batch.Add("c");
            Assert.Equal(new[] { "a", "b" }, first);
            Assert.Equal(new[] { "c" }, batch.Drain());
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void A_batch_size_below_one_is_refused(int size)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkBuffer<int>(size));
        }

        [Fact]
        public void Grouped_buffer_keeps_each_keys_items_and_repeats_apart_when_keys_alternate_and_after_a_drain()
        {
            var buffer = new GroupedChunkBuffer<string, string>(3, dropDuplicates: true, StringComparer.Ordinal, StringComparer.Ordinal);
            var chunks = new List<WKChunk<string, string>>();
            void Add(string key, string item, bool expectNew)
            {
                Assert.Equal(expectNew, buffer.Add(key, item, out WKChunk<string, string>? full));
                if (full != null)
                {
                    chunks.Add(full);
                }
            }

            Add("a", "1", true);
            Add("a", "1", false);   // repeat under the same key (the remembered one)
            Add("b", "1", true);    // the same item under another key is new
            Add("a", "2", true);
            Add("b", "1", false);   // repeat after a key switch
            Add("a", "3", true);    // a's third item cuts a chunk
            Add("a", "3", false);
            chunks.AddRange(buffer.Drain());

            Assert.Equal(new[] { "a:1,2,3", "b:1" }, chunks.Select(c => c.Key + ":" + string.Join(",", c.Items)));
            Assert.Equal(0, buffer.BufferedCount);

            // After a drain the key starts a fresh buffer (its seen-set stays: a repeat is still a repeat).
            chunks.Clear();
            Add("a", "4", true);
            Add("a", "1", false);
            chunks.AddRange(buffer.Drain());
            Assert.Equal(new[] { "a:4" }, chunks.Select(c => c.Key + ":" + string.Join(",", c.Items)));
        }
    }
}
