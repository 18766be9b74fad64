using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>A user's conversations (recent chats) and their unread state (wukongim-api.md §3.8, §11.5).</summary>
    public sealed partial class ConversationsApi
    {
        /// <summary>Recent messages per channel the server uses when a count of 0 is sent (syncByChannels, syncMessages).</summary>
        public const int ServerDefaultRecentCount = 15;

        private readonly WKClient _client;

        internal ConversationsApi(WKClient client) => _client = client;

        /// <summary>
        /// <c>POST /conversations/clearUnread</c>: marks the conversation read up to the channel's last message (a missing
        /// conversation is created when the channel has messages). For person channels <paramref name="channelId"/> is the
        /// peer's uid. v2.2.5 accepts <paramref name="messageSeq"/> but ignores it.
        /// </summary>
        public Task ClearUnreadAsync(string uid, string channelId, WKChannelType channelType, uint? messageSeq = null, CancellationToken cancellationToken = default)
        {
            ConversationTargetRequest body = Target(uid, channelId, channelType);
            body.MessageSeq = messageSeq;
            return _client.PostAsync("/conversations/clearUnread", body, ConversationsJsonContext.Default.ConversationTargetRequest, idempotent: true, cancellationToken);
        }

        /// <summary>
        /// <c>POST /conversations/setUnread</c>, sent as it is. The server only ever moves the read position forward, so it can
        /// lower an unread count but never raise it; <see cref="LowerUnreadAsync"/> checks first.
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
        /// Reads the current unread count (<c>/conversation/syncByChannels</c>) and sends <c>/conversations/setUnread</c> only
        /// when <paramref name="unread"/> is lower. Asking to raise it throws <see cref="WKInvalidInputException"/>
        /// (ErrorId <c>WKUnreadCannotBeRaised</c>) and sends nothing. Returns the count before the change.
        /// </summary>
        public async Task<WKUnreadChange> LowerUnreadAsync(string uid, string channelId, WKChannelType channelType, int unread, CancellationToken cancellationToken = default)
        {
            if (unread < 0)
            {
                throw new WKValidationException("The unread count cannot be negative.", nameof(unread));
            }
            string target = WKConversationIds.ForRequest(uid, channelId, channelType);
            WKConversation current = (await GetByChannelsAsync(uid, new[] { new WKChannelKey(target, channelType) }, 1, cancellationToken).ConfigureAwait(false))[0];
            var change = new WKUnreadChange(uid, target, channelType, current.Unread, unread, UnreadRules.Decide(current.Unread, unread));
            switch (change.Decision)
            {
                case WKUnreadDecision.CannotRaise:
                    throw new WKInvalidInputException("WKUnreadCannotBeRaised",
                        "The unread count of " + uid + "'s conversation with " + target + " is " + current.Unread.ToString(CultureInfo.InvariantCulture) +
                        "; WuKongIM can only lower it (the read position never moves back), so " + unread.ToString(CultureInfo.InvariantCulture) + " was not sent.",
                        nameof(unread), unread);
                case WKUnreadDecision.Lower:
                    await SetUnreadAsync(uid, target, channelType, unread, cancellationToken).ConfigureAwait(false);
                    break;
            }
            return change;
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
                ConversationsJsonContext.Default.WKConversationChannelArray, idempotent: true, cancellationToken).ConfigureAwait(false) ?? Array.Empty<WKConversationChannel>();
            foreach (WKConversationChannel row in rows)
            {
                row.Uid = uid;
            }
            return rows;
        }

        /// <summary>A pager over the user's conversations (<c>/conversation/sync</c>, page by page).</summary>
        public WKConversationPager CreatePager(WKConversationQuery query) => new WKConversationPager(this, query);

        /// <summary>All of the user's conversations that have messages, page by page as they arrive.</summary>
        public async IAsyncEnumerable<WKConversation> GetConversationsAsync(WKConversationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            WKConversationPager pager = CreatePager(query);
            while (!pager.Finished)
            {
                foreach (WKConversation conversation in await pager.NextPageAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return conversation;
                }
            }
        }

        /// <summary>
        /// One <c>POST /conversation/sync</c> call, as the server answers it (<paramref name="page"/> 0 = unpaged). Prefer
        /// <see cref="CreatePager"/>, which pages safely and applies the query's client-side rules.
        /// </summary>
        public async Task<IReadOnlyList<WKConversation>> SyncAsync(WKConversationQuery query, int page, CancellationToken cancellationToken = default)
        {
            ConversationSyncRequest body = BuildSyncRequest(query, page);
            WKConversation[] rows = await _client.PostAsync("/conversation/sync", body, ConversationsJsonContext.Default.ConversationSyncRequest,
                ConversationsJsonContext.Default.WKConversationArray, idempotent: true, cancellationToken).ConfigureAwait(false) ?? Array.Empty<WKConversation>();
            return Complete(query.Uid, rows);
        }

        /// <summary>The request body of one sync call; checks the query first (nothing is sent for bad input).</summary>
        internal static ConversationSyncRequest BuildSyncRequest(WKConversationQuery query, int page)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            WKIds.RequireUid(query.Uid, "Uid");
            if (query.RecentCount < 0)
            {
                throw new WKValidationException("The recent message count cannot be negative.", "RecentCount");
            }
            if (query.PageSize < 0 || query.PageSize > WKConversationPager.MaxPageSize)
            {
                throw new WKInvalidInputException("WKInvalidPageSize", "The page size must be between 1 and 500 (the server caps a page at 500), or 0 for one unpaged request.", "PageSize", query.PageSize);
            }
            if (query.Version.HasValue && query.Version.Value < 0)
            {
                throw new WKValidationException("The version cannot be negative.", "Version");
            }
            return new ConversationSyncRequest
            {
                Uid = query.Uid,
                // The server returns no conversation unless it loads at least one message for it.
                MsgCount = Math.Max(1, query.RecentCount),
                OnlyUnread = (byte)(query.OnlyUnread ? 1 : 0),
                // Never sent: v2.2.5 reads any version as "only unread", which would hide conversations that changed and
                // were read since. The version is compared on the client instead (newest message newer than it).
                Version = 0,
                ExcludeChannelTypes = query.ExcludeChannelTypes == null || query.ExcludeChannelTypes.Count == 0 ? null : query.ExcludeChannelTypes.Select(t => (int)t).Distinct().ToArray(),
                LastMsgSeqs = FormatKnownSeqs(query.KnownSeqs),
                Page = query.PageSize == 0 ? 0 : page,
                PageSize = query.PageSize == 0 ? 0 : query.PageSize,
            };
        }

        /// <summary><c>last_msg_seqs</c>: <c>id:type:seq</c> joined by <c>|</c>; ids that would break that format are refused.</summary>
        internal static string? FormatKnownSeqs(IList<WKKnownConversationSeq>? seqs)
        {
            if (seqs == null || seqs.Count == 0)
            {
                return null;
            }
            var parts = new List<string>(seqs.Count);
            foreach (WKKnownConversationSeq seq in seqs)
            {
                WKIds.RequireChannelId(seq.ChannelId, "KnownSeqs");
                if (seq.ChannelId.IndexOf(':') >= 0 || seq.ChannelId.IndexOf('|') >= 0)
                {
                    throw new WKValidationException("The channel id '" + seq.ChannelId + "' contains ':' or '|', which last_msg_seqs cannot carry.", "KnownSeqs");
                }
                parts.Add(seq.ChannelId + ":" + ((int)seq.ChannelType).ToString(CultureInfo.InvariantCulture) + ":" + seq.LastMsgSeq.ToString(CultureInfo.InvariantCulture));
            }
            return string.Join("|", parts);
        }

        /// <summary>
        /// <c>POST /conversation/syncByChannels</c>: the user's conversation with each channel, in the order given, even where
        /// no conversation is stored (then read-up-to counts as 0). Person channels by the peer's uid.
        /// </summary>
        public async Task<IReadOnlyList<WKConversation>> GetByChannelsAsync(string uid, IReadOnlyCollection<WKChannelKey> channels, int recentCount = ServerDefaultRecentCount, CancellationToken cancellationToken = default)
        {
            WKIds.RequireUid(uid, nameof(uid));
            if (channels == null || channels.Count == 0)
            {
                throw new WKValidationException("Give at least one channel.", nameof(channels));
            }
            if (recentCount < 1)
            {
                throw new WKValidationException("The recent message count must be at least 1 (the server turns 0 into 15).", nameof(recentCount));
            }
            var body = new SyncByChannelsRequest { Uid = uid, MsgCount = recentCount };
            foreach (WKChannelKey channel in channels)
            {
                RequireType(channel.ChannelType);
                body.Channels.Add(new ConversationChannelRef { ChannelId = WKConversationIds.ForRequest(uid, channel.ChannelId, channel.ChannelType, nameof(channels)), ChannelType = (byte)channel.ChannelType });
            }
            WKConversation[] rows = await _client.PostAsync("/conversation/syncByChannels", body, ConversationsJsonContext.Default.SyncByChannelsRequest,
                ConversationsJsonContext.Default.WKConversationArray, idempotent: true, cancellationToken).ConfigureAwait(false) ?? Array.Empty<WKConversation>();
            return Complete(uid, rows);
        }

        /// <summary>
        /// <c>POST /conversation/syncMessages</c> (a node-internal read): per channel the newest <paramref name="count"/>
        /// messages from its FromSeq on, newest first, or with <paramref name="oldestFirst"/> the first ones from FromSeq,
        /// ascending. Answers come back in the order asked (the server does not keep it).
        /// </summary>
        public async Task<IReadOnlyList<WKConversationMessages>> GetMessagesAsync(string uid, IReadOnlyCollection<WKConversationMessageQuery> channels, int count = ServerDefaultRecentCount, bool oldestFirst = false, CancellationToken cancellationToken = default)
        {
            WKIds.RequireUid(uid, nameof(uid));
            if (channels == null || channels.Count == 0)
            {
                return Array.Empty<WKConversationMessages>();
            }
            if (count < 1)
            {
                throw new WKValidationException("The message count must be at least 1 (the server turns 0 into 15).", nameof(count));
            }
            var body = new SyncMessagesRequest { Uid = uid, MsgCount = count, OrderByLast = oldestFirst ? 0 : 1 };
            foreach (WKConversationMessageQuery channel in channels)
            {
                RequireType(channel.ChannelType);
                body.Channels.Add(new ConversationChannelRef { ChannelId = WKConversationIds.Stored(uid, channel.ChannelId, channel.ChannelType), ChannelType = (byte)channel.ChannelType, LastMsgSeq = channel.FromSeq });
            }
            WKConversationMessages[] rows = await _client.PostAsync("/conversation/syncMessages", body, ConversationsJsonContext.Default.SyncMessagesRequest,
                ConversationsJsonContext.Default.WKConversationMessagesArray, idempotent: true, cancellationToken).ConfigureAwait(false) ?? Array.Empty<WKConversationMessages>();
            var ordered = new List<WKConversationMessages>(rows.Length);
            foreach (ConversationChannelRef asked in body.Channels)
            {
                WKConversationMessages? match = rows.FirstOrDefault(r => r.StoredChannelId == asked.ChannelId && (byte)r.ChannelType == asked.ChannelType && !ordered.Contains(r));
                if (match != null)
                {
                    match.Uid = uid;
                    match.Messages = match.Messages ?? Array.Empty<WKMessage>();
                    ordered.Add(match);
                }
            }
            return ordered;
        }

        /// <summary>
        /// <c>GET /cluster/conversations?uid=</c>: the user's stored conversation rows (deleted and command ones included,
        /// person channels by a@b id), sorted newest update first because the server's order is random.
        /// </summary>
        public async Task<IReadOnlyList<WKStoredConversation>> GetStoredAsync(string uid, CancellationToken cancellationToken = default)
        {
            WKIds.RequireUid(uid, nameof(uid));
            StoredConversationPage page = await _client.GetAsync(new WKRequest("GET", "/cluster/conversations").AddQuery("uid", uid),
                ConversationsJsonContext.Default.StoredConversationPage, cancellationToken).ConfigureAwait(false);
            return (page.Data ?? Array.Empty<WKStoredConversation>()).OrderByDescending(c => c.UpdatedAtValue).ThenByDescending(c => c.Id).ToList();
        }

        private static IReadOnlyList<WKConversation> Complete(string uid, WKConversation[] rows)
        {
            foreach (WKConversation row in rows)
            {
                row.Uid = uid;
                // syncByChannels gives null recents for a channel it could not route.
                row.Recents = row.Recents ?? new WKList<WKMessage>();
            }
            return rows;
        }

        private static void RequireType(WKChannelType type)
        {
            if (type == 0)
            {
                throw new WKValidationException("A channel type is required.", "ChannelType");
            }
        }

        private static ConversationTargetRequest Target(string uid, string channelId, WKChannelType channelType)
        {
            WKIds.RequireUid(uid, nameof(uid));
            RequireType(channelType);
            return new ConversationTargetRequest { Uid = uid, ChannelId = WKConversationIds.ForRequest(uid, channelId, channelType), ChannelType = (byte)channelType };
        }
    }

    /// <summary>What <see cref="ConversationsApi.LowerUnreadAsync"/> found and did.</summary>
    public sealed class WKUnreadChange
    {
        public WKUnreadChange(string uid, string channelId, WKChannelType channelType, int before, int requested, WKUnreadDecision decision)
        {
            Uid = uid;
            ChannelId = channelId;
            ChannelType = channelType;
            Before = before;
            Requested = requested;
            Decision = decision;
        }

        public string Uid { get; }
        public string ChannelId { get; }
        public WKChannelType ChannelType { get; }
        /// <summary>The unread count the server showed before.</summary>
        public int Before { get; }
        public int Requested { get; }
        public WKUnreadDecision Decision { get; }
    }
}
