using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>
    /// The /cluster channel reads (wukongim-api.md §11.4): the listing, the direct lookup, the crash on the eight filter
    /// parameters, and the member, denylist and allowlist arrays.
    /// </summary>
    public sealed class ClusterChannelRoutes : IRouteModule
    {
        /// <summary>Each of these, when non-blank, makes v2.2.5 write through a nil pointer (HTTP 500, empty body).</summary>
        internal static readonly string[] CrashingFilters =
        {
            "ban", "disband", "subscriber_count_gte", "subscriber_count_lte", "denylist_count_gte", "denylist_count_lte", "allowlist_count_gte", "allowlist_count_lte",
        };

        private const int DefaultPageSize = 20;

        public void Map(Router router)
        {
            router.Get("/cluster/channels", Channels);
            router.Get("/cluster/channels/{channel_id}/{channel_type}/subscribers", r => Uids(r, (s, id, type) => s.Subscribers.TryGetValue((id, type), out var set) ? set : null));
            router.Get("/cluster/channels/{channel_id}/{channel_type}/denylist", r => Uids(r, (s, id, type) => s.Denylists.TryGetValue((id, type), out var set) ? set : null));
            router.Get("/cluster/channels/{channel_id}/{channel_type}/allowlist", r => Uids(r, (s, id, type) => s.Allowlists.TryGetValue((id, type), out var list) ? list.Keys : null));
        }

        private static ApiResult Uids(ApiRequest r, Func<EmulatorState, string, byte, IEnumerable<string>?> source)
        {
            string id = r.RouteValues["channel_id"].Trim();
            byte type = ParseUInt8(r.RouteValues["channel_type"]);
            IEnumerable<string> uids = source(r.State, id, type) ?? Array.Empty<string>();
            return ApiResult.Bare(uids.OrderBy(Hashes.Fnv1a64).ToList());
        }

        private static byte ParseUInt8(string text)
        {
            if (!ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return 0;
            return v > 255 ? (byte)255 : (byte)v;
        }

        private static ApiResult Channels(ApiRequest r)
        {
            foreach (string name in CrashingFilters)
            {
                if (r.QueryString(name).Length > 0)
                {
                    throw new EmulatedPanicException("nil pointer dereference writing the " + name + " filter");
                }
            }
            EmulatorState s = r.State;
            string id = r.QueryString("channel_id");
            byte type = r.QueryUInt8("channel_type");
            long limit = r.QueryInt("limit");
            if (limit <= 0) limit = DefaultPageSize;
            if (limit > (long.MaxValue / 16))
            {
                throw new EmulatedPanicException("the store pre-allocates limit x shards rows");
            }
            if (id.Length > 0 && type != 0)
            {
                return ApiResult.Bare(new { total = 0, more = 0, data = new[] { DirectLookup(s, id, type) } });
            }

            long cursor = r.QueryInt("offset_created_at");
            bool pre = r.QueryInt("pre") == 1;
            bool localPath = r.Query.ContainsKey("node_id") && r.QueryUInt("node_id") == s.NodeId;
            IEnumerable<ChannelRecord> matching = s.Channels.Values
                .Where(c => c.Listable)
                .Where(c => !localPath || s.IsLocal(c.ChannelId))
                .Where(c => id.Length == 0 || c.ChannelId == id)
                .Where(c => type == 0 || c.ChannelType == type);
            List<ChannelRecord> page;
            if (pre)
            {
                // Towards newer rows: the `limit + 1` oldest rows above the cursor, shown newest first.
                page = matching.Where(c => cursor == 0 || GoFormat.UnixNanos(c.CreatedAt) > cursor)
                    .OrderBy(c => c.CreatedAt).Take((int)Math.Min(limit + 1, int.MaxValue)).ToList();
            }
            else
            {
                page = matching.Where(c => cursor == 0 || GoFormat.UnixNanos(c.CreatedAt) < cursor)
                    .OrderByDescending(c => c.CreatedAt).Take((int)Math.Min(limit + 1, int.MaxValue)).ToList();
            }
            int more = 0;
            if (!localPath && page.Count > limit)
            {
                more = 1;
                page = page.Take((int)limit).ToList();
            }
            List<Dictionary<string, object>> rows = page.OrderByDescending(c => c.CreatedAt).Select(c => Row(s, c, enriched: true)).ToList();
            return ApiResult.Bare(new { total = 0, more, data = rows });
        }

        /// <summary>The un-enriched single-record read; an unknown channel is a blank row, with any orphaned list counters.</summary>
        private static Dictionary<string, object> DirectLookup(EmulatorState s, string id, byte type)
        {
            if (s.FindChannel(id, type) is ChannelRecord record)
            {
                return Row(s, record, enriched: false);
            }
            var blank = new ChannelRecord { ChannelId = string.Empty, ChannelType = 0 };
            Dictionary<string, object> row = Row(s, blank, enriched: false);
            if (s.FindListCounters(id, type) is ListCounters counters)
            {
                row["id"] = ChannelHash(id, type);
                row["denylist_count"] = counters.Denylist;
                row["allowlist_count"] = counters.Allowlist;
            }
            else
            {
                row["id"] = 0UL;
            }
            row["slot"] = 0U;
            return row;
        }

        private static ulong ChannelHash(string id, byte type) => Hashes.Fnv1a64(id + "-" + type.ToString(CultureInfo.InvariantCulture));

        private static Dictionary<string, object> Row(EmulatorState s, ChannelRecord c, bool enriched)
        {
            ListCounters counters = s.FindListCounters(c.ChannelId, c.ChannelType) ?? new ListCounters();
            ulong lastSeq = 0;
            long lastTime = 0;
            int subscriberCount = 0;
            if (enriched)
            {
                lastSeq = s.LastMessageSeq(c.ChannelId, c.ChannelType);
                if (lastSeq > 0 && s.Messages.TryGetValue((c.ChannelId, c.ChannelType), out List<StoredMessage>? messages))
                {
                    lastTime = messages[messages.Count - 1].Timestamp * 1_000_000_000L;
                }
                subscriberCount = s.Subscribers.TryGetValue((c.ChannelId, c.ChannelType), out HashSet<string>? members) ? members.Count : 0;
            }
            // Records created implicitly (by /channel/subscriber_add) carry no creation time.
            long created = c.Listable ? GoFormat.UnixNanos(c.CreatedAt) : 0;
            long updated = c.ChannelId.Length == 0 ? 0 : GoFormat.UnixNanos(c.UpdatedAt);
            return new Dictionary<string, object>
            {
                ["id"] = ChannelHash(c.ChannelId, c.ChannelType),
                ["slot"] = Hashes.Crc32(c.ChannelId) % (uint)s.SlotCount,
                ["channel_id"] = c.ChannelId,
                ["channel_type"] = c.ChannelType,
                ["ban"] = c.Ban ? 1 : 0,
                ["disband"] = c.Disband ? 1 : 0,
                ["subscriber_count"] = subscriberCount,
                ["allowlist_count"] = counters.Allowlist,
                ["denylist_count"] = counters.Denylist,
                ["last_msg_seq"] = lastSeq,
                ["last_msg_time"] = lastTime,
                ["last_msg_time_format"] = lastTime == 0 ? string.Empty : LocalMinute(lastTime),
                ["status_format"] = c.Ban ? "封禁" : c.Disband ? "解散" : "正常",
                ["created_at"] = created,
                ["updated_at"] = updated,
                ["created_at_format"] = created == 0 ? string.Empty : LocalMinute(created),
                ["updated_at_format"] = updated == 0 ? string.Empty : LocalMinute(updated),
            };
        }

        private static string LocalMinute(long unixNanos) =>
            DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
