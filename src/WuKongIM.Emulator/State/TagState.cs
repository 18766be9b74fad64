using System;
using System.Collections.Generic;
using System.Linq;

namespace WuKongIM.Emulator.State
{
    /// <summary>A receiver tag: the server's cache of who receives a channel's messages (wukongim-api.md §3.11).</summary>
    public sealed class TagRecord
    {
        public string Key { get; init; } = string.Empty;
        public string ChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public List<string> Uids { get; set; } = new();
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset LastGetAt { get; set; }
        public long GetCount { get; set; }
        public long NodeVersion { get; set; }
    }

    public sealed partial class EmulatorState
    {
        private long _lastTag;

        /// <summary>Tags by key; a channel points at its current tag through <see cref="ChannelTags"/>.</summary>
        public Dictionary<string, TagRecord> Tags { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Id, byte Type), string> ChannelTags { get; } = new();

        /// <summary>
        /// The channel's receiver tag, created (or refreshed) from its current receivers the way the server does when it
        /// delivers a message: group-like channels receive their subscribers, a person channel its two uids.
        /// </summary>
        public TagRecord EnsureChannelTag(string channelId, byte channelType, IEnumerable<string> receivers)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            if (ChannelTags.TryGetValue((channelId, channelType), out string? key) && Tags.TryGetValue(key, out TagRecord? existing))
            {
                existing.Uids = receivers.Distinct(StringComparer.Ordinal).ToList();
                existing.NodeVersion++;
                return existing;
            }
            var tag = new TagRecord
            {
                Key = "emutag" + (++_lastTag).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + channelId + "_" + channelType,
                ChannelId = channelId,
                ChannelType = channelType,
                Uids = receivers.Distinct(StringComparer.Ordinal).ToList(),
                CreatedAt = now,
                LastGetAt = now,
                NodeVersion = 1,
            };
            Tags[tag.Key] = tag;
            ChannelTags[(channelId, channelType)] = tag.Key;
            return tag;
        }

        /// <summary>Drops a channel's tag (subscriber reset, remove-all); the next delivery builds a new one.</summary>
        public void RemoveChannelTag(string channelId, byte channelType)
        {
            if (ChannelTags.Remove((channelId, channelType), out string? key))
            {
                Tags.Remove(key);
            }
        }

        /// <summary>Refreshes the uids of an existing channel tag after its subscribers changed; creates nothing.</summary>
        public void RefreshChannelTag(string channelId, byte channelType, IEnumerable<string> receivers)
        {
            if (ChannelTags.TryGetValue((channelId, channelType), out string? key) && Tags.TryGetValue(key, out TagRecord? tag))
            {
                tag.Uids = receivers.Distinct(StringComparer.Ordinal).ToList();
                tag.NodeVersion++;
            }
        }
    }
}
