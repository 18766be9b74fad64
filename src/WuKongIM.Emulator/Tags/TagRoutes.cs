using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>GET /tag, POST /tag/remove, GET /tags (wukongim-api.md §3.11). Single node: every tag lives on node 1001, slot CRC32 mod 64.</summary>
    public sealed class TagRoutes : IRouteModule
    {
        private static readonly GoStruct RemoveTagReq = new("api", "removeTagReq",
            new GoField("tag_key", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("node_id", GoType.Uint64));

        public void Map(Router router)
        {
            router.Get("/tag", GetTag);
            router.Post("/tag/remove", RemoveTag);
            router.Get("/tags", ListTags);
        }

        private static TagRecord? Find(EmulatorState s, string tagKey, string channelId, byte channelType)
        {
            if (tagKey.Length > 0)
            {
                return s.Tags.TryGetValue(tagKey, out TagRecord? byKey) ? byKey : null;
            }
            if (channelId.Length > 0 && s.ChannelTags.TryGetValue((channelId, channelType), out string? key))
            {
                return s.Tags.TryGetValue(key, out TagRecord? byChannel) ? byChannel : null;
            }
            return null;
        }

        private static ApiResult GetTag(ApiRequest r)
        {
            TagRecord? tag = Find(r.State, r.QueryString("tag_key"), r.QueryString("channel_id"), r.QueryUInt8("channel_type"));
            if (tag == null)
            {
                return ApiResult.Err("tag not found");
            }
            tag.GetCount++;
            tag.LastGetAt = DateTimeOffset.UtcNow;
            return ApiResult.Bare(new
            {
                key = tag.Key,
                channel_id = tag.ChannelId,
                channel_type = tag.ChannelType,
                nodes = new[] { new { leader_id = r.State.NodeId, uids = tag.Uids, slot_ids = Slots(r.State, tag) } },
                created_at = tag.CreatedAt,
                last_get_time = tag.LastGetAt,
                node_version = tag.NodeVersion,
                get_count = tag.GetCount,
            });
        }

        private static ApiResult RemoveTag(ApiRequest r)
        {
            if (!r.TryDecode(RemoveTagReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            ulong nodeId = req.U64("node_id");
            if (nodeId != 0 && nodeId != r.State.NodeId)
            {
                if (!r.State.Cluster.IsNode(nodeId)) return ApiResult.Err("node not found");
                return Cluster.ClusterForward.To(r, nodeId, () => RemoveTag(r));
            }
            TagRecord? tag = Find(r.State, req.Str("tag_key"), req.Str("channel_id"), req.U8("channel_type"));
            if (tag != null)
            {
                r.State.Tags.Remove(tag.Key);
                if (r.State.ChannelTags.TryGetValue((tag.ChannelId, tag.ChannelType), out string? current) && current == tag.Key)
                {
                    r.State.ChannelTags.Remove((tag.ChannelId, tag.ChannelType));
                }
            }
            return ApiResult.Ok();
        }

        private static ApiResult ListTags(ApiRequest r)
        {
            ulong nodeId = r.QueryUInt("node_id");
            if (nodeId != 0 && nodeId != r.State.NodeId)
            {
                if (!r.State.Cluster.IsNode(nodeId)) return ApiResult.Err("node not found");
                return Cluster.ClusterForward.To(r, nodeId, () => ListTags(r));
            }
            string tagKey = r.QueryString("tag_key");
            string channelId = r.QueryString("channel_id");
            byte channelType = r.QueryUInt8("channel_type");
            IEnumerable<TagRecord> tags = r.State.Tags.Values;
            if (tagKey.Length > 0 || channelId.Length > 0)
            {
                TagRecord? one = Find(r.State, tagKey, channelId, channelType);
                tags = one == null ? Enumerable.Empty<TagRecord>() : new[] { one };
            }
            var rows = tags.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Key, StringComparer.Ordinal).Take(1000).Select(t => new
            {
                key = t.Key,
                channel_id = t.ChannelId,
                channel_type = t.ChannelType,
                nodes = new[] { new { leader_id = r.State.NodeId, uid_count = t.Uids.Count, uids = t.Uids, slot_ids = Slots(r.State, t) } },
                created_at = GoFormat.Minutes(t.CreatedAt),
                expire_at = "",
                last_get_at = GoFormat.Minutes(t.LastGetAt),
                node_version = t.NodeVersion,
                get_count = t.GetCount,
            }).ToList();
            return ApiResult.Bare(rows);
        }

        private static uint[] Slots(EmulatorState s, TagRecord tag) =>
            tag.Uids.Select(u => Hashes.Crc32(u) % (uint)s.SlotCount).Distinct().OrderBy(x => x).ToArray();
    }
}
