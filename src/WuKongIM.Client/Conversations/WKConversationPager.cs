using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Reads a user's conversations through <c>/conversation/sync</c> page by page. The server cuts a page before it drops
    /// conversations without (new) messages, so an empty or short page does not mean the end: the pager first counts the
    /// user's conversations (<c>/conversation/channels</c>, a superset of what sync pages over) and requests exactly the pages
    /// that cover them. Recent messages are always asked for (the server returns nothing otherwise) and dropped unless the
    /// query wants them; a <see cref="WKConversationQuery.Version"/> is applied here because the server does not compare it.
    /// </summary>
    public sealed class WKConversationPager
    {
        public const int DefaultPageSize = 100;
        public const int MaxPageSize = 500;

        private readonly ConversationsApi _api;
        private readonly WKConversationQuery _query;
        private int _nextPage = 1;
        private int? _pageCount;

        public WKConversationPager(ConversationsApi api, WKConversationQuery query)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _query = query ?? throw new ArgumentNullException(nameof(query));
            // Validates the query before anything is sent.
            ConversationsApi.BuildSyncRequest(query, 1);
        }

        public bool Finished { get; private set; }

        /// <summary>How many sync requests this read needs; known after the first page.</summary>
        public int? PageCount => _pageCount;

        public async Task<IReadOnlyList<WKConversation>> NextPageAsync(CancellationToken cancellationToken = default)
        {
            if (Finished)
            {
                return Array.Empty<WKConversation>();
            }
            if (_query.PageSize == 0)
            {
                Finished = true;
                return Shape(await _api.SyncAsync(_query, 0, cancellationToken).ConfigureAwait(false));
            }
            if (_pageCount == null)
            {
                int total = (await _api.GetChannelsAsync(_query.Uid, cancellationToken).ConfigureAwait(false)).Count;
                _pageCount = PagesFor(total, _query.PageSize);
            }
            if (_nextPage > _pageCount.Value)
            {
                Finished = true;
                return Array.Empty<WKConversation>();
            }
            IReadOnlyList<WKConversation> page = await _api.SyncAsync(_query, _nextPage, cancellationToken).ConfigureAwait(false);
            _nextPage++;
            Finished = _nextPage > _pageCount.Value;
            return Shape(page);
        }

        /// <summary>ceil(total / pageSize): the pages that cover <paramref name="total"/> conversations.</summary>
        public static int PagesFor(int total, int pageSize) => total <= 0 ? 0 : (total + pageSize - 1) / pageSize;

        private IReadOnlyList<WKConversation> Shape(IReadOnlyList<WKConversation> page)
        {
            IEnumerable<WKConversation> rows = page;
            if (_query.Version.HasValue && _query.Version.Value > 0)
            {
                long since = _query.Version.Value;
                rows = rows.Where(c => c.Version > since);
            }
            if (_query.RecentCount == 0)
            {
                rows = rows.Select(c =>
                {
                    c.Recents = Array.Empty<WKMessage>();
                    return c;
                });
            }
            return rows.ToList();
        }
    }
}
