using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>A user's conversations (recent chats) and their unread state (wukongim-api.md §3.8).</summary>
    public sealed partial class ConversationsApi
    {
        private readonly WKClient _client;

        internal ConversationsApi(WKClient client) => _client = client;

        /// <summary>
        /// <c>POST /conversations/clearUnread</c>: marks the conversation read up to the channel's last message. For person
        /// channels <paramref name="channelId"/> is the peer's uid. v2.2.5 accepts <paramref name="messageSeq"/> but ignores it.
        /// </summary>
        public Task ClearUnreadAsync(string uid, string channelId, WKChannelType channelType, uint? messageSeq = null, CancellationToken cancellationToken = default)
        {
            ConversationTargetRequest body = Target(uid, channelId, channelType);
            body.MessageSeq = messageSeq;
            return _client.PostAsync("/conversations/clearUnread", body, ConversationsJsonContext.Default.ConversationTargetRequest, idempotent: true, cancellationToken);
        }

        /// <summary>
        /// <c>POST /conversations/setUnread</c>. The server only ever moves the read position forward, so it can lower an
        /// unread count but never raise it (see <see cref="UnreadRules.CanSet"/>).
        /// </summary>
        public Task SetUnreadAsync(string uid, string channelId, WKChannelType channelType, int unread, CancellationToken cancellationToken = default)
        {
            if (unread < 0)
            {
                throw new WKValidationException("The unread count cannot be negative.", nameof(unread));
            }
            ConversationTargetRequest body = Target(uid, channelId, channelType);
            body.Unread = unread;
            return _client.PostAsync("/conversations/setUnread", body, ConversationsJsonContext.Default.ConversationTargetRequest, idempotent: true, cancellationToken);
        }

        /// <summary>
        /// <c>POST /conversations/delete</c>: hides the conversation until a newer message arrives. Membership and messages
        /// are untouched.
        /// </summary>
        public Task DeleteAsync(string uid, string channelId, WKChannelType channelType, CancellationToken cancellationToken = default) =>
            _client.PostAsync("/conversations/delete", Target(uid, channelId, channelType), ConversationsJsonContext.Default.ConversationTargetRequest, idempotent: true, cancellationToken);

        /// <summary><c>POST /conversation/channels</c>: every chat conversation of the user, including ones without messages.</summary>
        public async Task<IReadOnlyList<WKConversationChannel>> GetChannelsAsync(string uid, CancellationToken cancellationToken = default)
        {
            WKIds.RequireUid(uid, nameof(uid));
            WKConversationChannel[] rows = await _client.PostAsync("/conversation/channels", new UidRequest { Uid = uid }, ConversationsJsonContext.Default.UidRequest,
                ConversationsJsonContext.Default.WKConversationChannelArray, idempotent: true, cancellationToken).ConfigureAwait(false);
            foreach (WKConversationChannel row in rows)
            {
                row.Uid = uid;
            }
            return rows;
        }

        private static ConversationTargetRequest Target(string uid, string channelId, WKChannelType channelType)
        {
            WKIds.RequireUid(uid, nameof(uid));
            WKIds.RequireChannelId(channelId, nameof(channelId));
            return new ConversationTargetRequest { Uid = uid, ChannelId = channelId, ChannelType = (byte)channelType };
        }
    }

    /// <summary>What /conversations/setUnread can do (it only moves the read position forward).</summary>
    public static class UnreadRules
    {
        /// <summary>True when asking for <paramref name="requested"/> unread can take effect given the current count.</summary>
        public static bool CanSet(long currentUnread, long requested) => requested <= currentUnread;
    }
}
