using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Receiver tags (wukongim-api.md §3.11): <c>GET /tag</c>, <c>GET /tags</c>, <c>POST /tag/remove</c>.</summary>
    public sealed partial class TagsApi
    {
        private readonly WKClient _client;

        internal TagsApi(WKClient client) => _client = client;

        /// <summary>One tag by key. An unknown key is the server's ERR <c>tag not found</c> (a BadRequest).</summary>
        public Task<WKTag> GetTagAsync(string tagKey, CancellationToken cancellationToken = default)
        {
            Require(tagKey, "tagKey");
            return _client.GetAsync(new WKRequest("GET", "/tag").AddQuery("tag_key", tagKey), TagsJsonContext.Default.WKTag, cancellationToken);
        }

        /// <summary>A channel's current tag; the server has one only after it delivered a message to the channel.</summary>
        public Task<WKTag> GetChannelTagAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken = default)
        {
            Require(channelId, "channelId");
            var request = new WKRequest("GET", "/tag").AddQuery("channel_id", channelId).AddQuery("channel_type", (long)channelType);
            return _client.GetAsync(request, TagsJsonContext.Default.WKTag, cancellationToken);
        }

        /// <summary><c>GET /tags</c>: all tags of a node (newest first, at most 1000), or the one matching a key or channel.</summary>
        public async Task<IReadOnlyList<WKTag>> ListTagsAsync(ulong? nodeId = null, string? channelId = null, WKChannelType? channelType = null, string? tagKey = null, CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/tags");
            if (nodeId.HasValue) request.AddQuery("node_id", nodeId.Value.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(tagKey)) request.AddQuery("tag_key", tagKey);
            if (!string.IsNullOrEmpty(channelId))
            {
                request.AddQuery("channel_id", channelId);
                request.AddQuery("channel_type", (long)(channelType ?? WKChannelType.Group));
            }
            return await _client.GetAsync(request, TagsJsonContext.Default.WKTagArray, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>POST /tag/remove</c> by key or by channel. Succeeds also when there was nothing to remove.</summary>
        public Task RemoveTagAsync(string? tagKey, string? channelId = null, WKChannelType? channelType = null, ulong? nodeId = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(tagKey) && string.IsNullOrEmpty(channelId))
            {
                throw new WKValidationException("Give a tag key or a channel id.", "tagKey");
            }
            // Blanks are never a key or an id: refused before anything is sent.
            if (tagKey != null && tagKey.Length > 0 && tagKey.Trim().Length == 0)
            {
                throw new WKInvalidInputException("WKTagKeyEmpty", "The tag key is blank.", "TagKey", tagKey);
            }
            if (channelId != null && channelId.Length > 0 && channelId.Trim().Length == 0)
            {
                throw new WKInvalidInputException("WKChannelIdEmpty", "The channel id is blank.", "ChannelId", channelId);
            }
            var body = new RemoveTagRequest
            {
                TagKey = tagKey,
                ChannelId = channelId,
                ChannelType = channelType.HasValue ? (byte)channelType.Value : (byte)0,
                NodeId = nodeId ?? 0,
            };
            return _client.PostAsync("/tag/remove", body, TagsJsonContext.Default.RemoveTagRequest, idempotent: true, cancellationToken);
        }

        private static void Require(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new WKValidationException(name + " cannot be empty.", name);
            }
        }
    }
}
