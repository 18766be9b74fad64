using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>
    /// GET /cluster/messages (wukongim-api.md §11.6): message search across channels with v2.2.5's three scan strategies
    /// (per channel by seq, the sender / client-msg-no index, the global message-id index), the base64 payload
    /// substring filter, the node_id local path, forwarding, the crash on an unknown node, and the fan-out merge.
    /// </summary>
    public sealed class ClusterMessageRoutes : IRouteModule
    {
        public void Map(Router router) => router.Get("/cluster/messages", Messages);

        private sealed class Search
        {
            public long MessageId;
            public string ChannelId = string.Empty;
            public byte ChannelType;
            public string FromUid = string.Empty;
            public string ClientMsgNo = string.Empty;
            public byte[]? Payload;
            public long OffsetMessageId;
            public ulong OffsetMessageSeq;
            public bool Pre;
            public int Limit;
        }

        private static ApiResult Messages(ApiRequest r)
        {
            EmulatorState s = r.State;
            bool hasNode = r.QueryString("node_id").Length > 0;
            ulong nodeId = r.QueryUInt("node_id");
            if (hasNode && nodeId != 0 && nodeId != s.NodeId)
            {
                // v2.2.5 looks the node up and dereferences it without a check.
                if (!s.Nodes.ContainsKey(nodeId)) throw new EmulatedPanicException("GET /cluster/messages?node_id=<unknown>");
                return ClusterForward.To(r, nodeId, () => Messages(r));
            }
            long limit = r.QueryInt("limit");
            if (limit <= 0) limit = 20;
            if (limit > 10_000_000) throw new EmulatedPanicException("the store pre-allocates limit x shards rows");
            var q = new Search
            {
                MessageId = r.QueryInt("message_id"),
                ChannelId = r.QueryString("channel_id"),
                ChannelType = r.QueryUInt8("channel_type"),
                FromUid = r.QueryString("from_uid"),
                ClientMsgNo = r.QueryString("client_msg_no"),
                OffsetMessageId = r.QueryInt("offset_message_id"),
                OffsetMessageSeq = r.QueryUInt("offset_message_seq"),
                Pre = r.QueryInt("pre") == 1,
                Limit = (int)limit,
            };
            string payload = r.QueryString("payload");
            if (payload.Length > 0)
            {
                try
                {
                    q.Payload = GoBase64.Decode(payload);
                }
                catch (GoJsonException ex)
                {
                    return ApiResult.Err(ex.Message);
                }
            }

            List<StoredMessage> rows;
            if (hasNode && nodeId == s.NodeId)
            {
                rows = Local(s, q, s.NodeId);
            }
            else
            {
                // The aggregated path: every online node searches its own share; merge, sort, trim to the rows next to
                // the cursor (the newest for an older page, the oldest above the cursor for pre=1).
                IEnumerable<StoredMessage> merged = s.Nodes.Values.Where(n => n.Online).SelectMany(n => Local(s, q, n.Id))
                    .GroupBy(m => m.MessageId).Select(g => g.First());
                rows = (q.Pre && q.MessageId == 0 ? merged.OrderBy(m => q.ChannelType != 0 && q.ChannelId.Length > 0 ? (long)m.MessageSeq : m.MessageId) : merged.OrderByDescending(m => m.MessageId))
                    .Take(q.Limit).ToList();
            }
            var data = rows.OrderByDescending(m => m.MessageId).Select(m => Row(s, m)).ToList();
            return ApiResult.Bare(new { total = 0, data });
        }

        /// <summary>One node's search over the messages of the channels whose slot it leads.</summary>
        private static List<StoredMessage> Local(EmulatorState s, Search q, ulong node)
        {
            var leaderOf = new Dictionary<string, bool>(StringComparer.Ordinal);
            bool Mine(StoredMessage m)
            {
                if (!leaderOf.TryGetValue(m.ChannelId, out bool mine))
                {
                    leaderOf[m.ChannelId] = mine = s.SlotLeaderOf(m.ChannelId) == node;
                }
                return mine;
            }

            if (q.MessageId > 0)
            {
                return s.MessagesById.TryGetValue(q.MessageId, out StoredMessage? one) && Mine(one) ? new List<StoredMessage> { one } : new List<StoredMessage>();
            }
            if (q.ChannelId.Length > 0 && q.ChannelType != 0)
            {
                return s.SlotLeaderOf(q.ChannelId) == node ? InChannel(s, q) : new List<StoredMessage>();
            }
            if (q.FromUid.Length > 0 || q.ClientMsgNo.Length > 0)
            {
                return BySecondaryIndex(s, q, Mine);
            }
            return Global(s, q, Mine);
        }

        /// <summary>Walks one channel by seq (newest first, or up from the cursor with pre=1).</summary>
        private static List<StoredMessage> InChannel(EmulatorState s, Search q)
        {
            var found = new List<StoredMessage>();
            if (!s.Messages.TryGetValue((q.ChannelId, q.ChannelType), out List<StoredMessage>? list))
            {
                return found;
            }
            IEnumerable<StoredMessage> walk;
            if (q.Pre)
            {
                int start = (int)Math.Min(q.OffsetMessageSeq, (ulong)list.Count);
                walk = Enumerable.Range(start, list.Count - start).Select(i => list[i]);
            }
            else
            {
                int end = q.OffsetMessageSeq == 0 ? list.Count : (int)Math.Min(q.OffsetMessageSeq - 1, (ulong)list.Count);
                walk = Enumerable.Range(0, end).Reverse().Select(i => list[i]);
            }
            foreach (StoredMessage m in walk)
            {
                // A global cursor here stops the walk at the first message whose id is at or above it.
                if (q.OffsetMessageId != 0 && m.MessageId >= q.OffsetMessageId) break;
                if (!Matches(m, q, checkChannel: false)) continue;
                found.Add(m);
                if (found.Count >= q.Limit) break;
            }
            return found;
        }

        /// <summary>
        /// The sender / client-msg-no index, ordered by (key hash, channel, seq) rather than by time: with more matches
        /// than the limit, which ones come back is not "the newest", and paging by message id is unreliable.
        /// </summary>
        private static List<StoredMessage> BySecondaryIndex(EmulatorState s, Search q, Func<StoredMessage, bool> mine)
        {
            return s.MessagesInIdOrder()
                .Where(m => (q.FromUid.Length == 0 || m.FromUid == q.FromUid) && (q.ClientMsgNo.Length == 0 || m.ClientMsgNo == q.ClientMsgNo))
                .Where(m => q.OffsetMessageId == 0 || (q.Pre ? m.MessageId > q.OffsetMessageId : m.MessageId < q.OffsetMessageId))
                .Where(m => Matches(m, q, checkChannel: true) && mine(m))
                .OrderBy(m => Hashes.Fnv1a64(m.ChannelId)).ThenBy(m => m.MessageSeq)
                .Take(q.Limit).ToList();
        }

        /// <summary>The global message-id index: newest first from the cursor, or up from it with pre=1 (no cursor: the oldest).</summary>
        private static List<StoredMessage> Global(EmulatorState s, Search q, Func<StoredMessage, bool> mine)
        {
            StoredMessage[] all = s.MessagesInIdOrder();
            var found = new List<StoredMessage>();
            // The first index whose id is at or above the cursor.
            int lo = 0, hi = all.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (all[mid].MessageId < q.OffsetMessageId) lo = mid + 1; else hi = mid;
            }
            if (q.Pre)
            {
                int i = q.OffsetMessageId == 0 ? 0 : lo;
                if (i < all.Length && all[i].MessageId == q.OffsetMessageId) i++;
                for (; i < all.Length && found.Count < q.Limit; i++)
                {
                    if (Matches(all[i], q, checkChannel: true) && mine(all[i])) found.Add(all[i]);
                }
            }
            else
            {
                for (int i = q.OffsetMessageId == 0 ? all.Length - 1 : lo - 1; i >= 0 && found.Count < q.Limit; i--)
                {
                    if (Matches(all[i], q, checkChannel: true) && mine(all[i])) found.Add(all[i]);
                }
            }
            return found;
        }

        private static bool Matches(StoredMessage m, Search q, bool checkChannel)
        {
            if (checkChannel && q.ChannelId.Length > 0 && m.ChannelId != q.ChannelId) return false;
            if (checkChannel && q.ChannelType != 0 && m.ChannelType != q.ChannelType) return false;
            if (q.FromUid.Length > 0 && m.FromUid != q.FromUid) return false;
            if (q.ClientMsgNo.Length > 0 && m.ClientMsgNo != q.ClientMsgNo) return false;
            if (q.Payload != null && q.Payload.Length > 0 && m.Payload.AsSpan().IndexOf(q.Payload) < 0) return false;
            return true;
        }

        private static object Row(EmulatorState s, StoredMessage m) => new
        {
            message_id = m.MessageId.ToString(CultureInfo.InvariantCulture),
            message_seq = (uint)m.MessageSeq,
            client_msg_no = m.ClientMsgNo,
            timestamp = m.Timestamp,
            timestamp_format = GoFormat.Minutes(DateTimeOffset.FromUnixTimeSeconds(m.Timestamp)),
            channel_id = m.ChannelId,
            channel_type = m.ChannelType,
            topic = m.Topic,
            from_uid = m.FromUid,
            payload = m.Payload,
            expire = m.Expire,
            term = (ulong)(s.ChannelConfigs.TryGetValue((m.ChannelId, m.ChannelType), out ChannelClusterConfig? c) ? c.Term : 1),
            is_stream = (m.Setting & 2) != 0 ? 1 : 0,
        };
    }
}
