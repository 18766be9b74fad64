using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Reads a channel's history page by page through <c>/channel/messagesync</c>, always with an explicit limit (the
    /// server has none: without it a pager returns nothing forever, or everything at once). Oldest-first pages pull up
    /// from the start seq; newest-first pages pull down from the end seq (or the newest message). Only one page is held
    /// at a time, and no request is made once the range or <see cref="WKChannelMessageQuery.MaxCount"/> is exhausted.
    /// </summary>
    public sealed class WKChannelMessagePager
    {
        public const int MaxPageSize = 10000;

        private readonly MessagesApi _api;
        private readonly WKChannelMessageQuery _query;
        private readonly string _loginUid;
        private readonly ulong _lowest;
        private readonly ulong? _highest;
        // Oldest-first: the next seq to read (inclusive). Newest-first: the highest seq still to read, null = the newest.
        private ulong _nextUp;
        private ulong? _nextDown;
        private bool _downStartChecked;

        public WKChannelMessagePager(MessagesApi api, WKChannelMessageQuery query)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _query = query ?? throw new ArgumentNullException(nameof(query));
            if (string.IsNullOrWhiteSpace(query.ChannelId))
            {
                throw new WKValidationException("The channel id is empty.", "ChannelId");
            }
            WKIds.RequireChannelId(query.ChannelId, "ChannelId");
            if (query.ChannelType == 0)
            {
                throw new WKValidationException("A channel type is required.", "ChannelType");
            }
            if (query.ChannelType == WKChannelType.Person && string.IsNullOrWhiteSpace(query.LoginUid))
            {
                throw new WKValidationException("A person channel's history is stored under both uids: give the other party as the login uid (-LoginUid).", "LoginUid");
            }
            if (query.PageSize < 1 || query.PageSize > MaxPageSize)
            {
                throw new WKValidationException("The page size must be between 1 and 10000 (the server caps a page at 10000).", "PageSize");
            }
            if (query.MaxCount.HasValue && query.MaxCount.Value < 0)
            {
                throw new WKValidationException("The message count cannot be negative.", "First");
            }
            // messagesync insists on a login uid but checks no membership: any uid reads a group.
            _loginUid = string.IsNullOrWhiteSpace(query.LoginUid) ? WKChannelIds.SystemUid : query.LoginUid!;
            _lowest = Math.Max(query.StartSeq ?? 1, 1);
            _highest = query.EndSeq;
            _nextUp = _lowest;
            _nextDown = _highest;
            if (_highest.HasValue && _highest.Value < _lowest)
            {
                Finished = true;
            }
            if (query.MaxCount == 0)
            {
                Finished = true;
            }
        }

        /// <summary>True when no further request will be made.</summary>
        public bool Finished { get; private set; }

        /// <summary>Messages returned so far.</summary>
        public long Delivered { get; private set; }

        /// <summary>Requests made so far.</summary>
        public int Requests { get; private set; }

        /// <summary>The next page in the requested order; empty (and <see cref="Finished"/>) when there is nothing more.</summary>
        public async Task<IReadOnlyList<WKMessage>> NextPageAsync(CancellationToken cancellationToken = default)
        {
            if (Finished)
            {
                return Array.Empty<WKMessage>();
            }
            if (_query.Order == WKMessageOrder.NewestFirst && _nextDown.HasValue && !_downStartChecked)
            {
                // The server counts a down page from its start seq and only then drops what lies above the last message,
                // so an end seq beyond the last message would give a short (or empty) first page that looks like the end.
                _downStartChecked = true;
                Requests++;
                ulong last = await _api.GetMaxMessageSeqAsync(_query.ChannelId, _query.ChannelType, _query.ChannelType == WKChannelType.Person ? _query.LoginUid : null, cancellationToken).ConfigureAwait(false);
                if (last < _lowest)
                {
                    Finished = true;
                    return Array.Empty<WKMessage>();
                }
                _nextDown = Math.Min(_nextDown.Value, last);
            }
            int limit = _query.PageSize;
            if (_query.MaxCount.HasValue)
            {
                limit = (int)Math.Min(limit, _query.MaxCount.Value - Delivered);
            }
            WKMessageSyncRequest request = _query.Order == WKMessageOrder.OldestFirst ? UpRequest(limit) : DownRequest(limit);
            Requests++;
            WKMessagePage page = await _api.SyncChannelMessagesAsync(request, cancellationToken).ConfigureAwait(false);
            WKMessage[] raw = page.Messages;

            var result = new List<WKMessage>(raw.Length);
            ulong minSeq = ulong.MaxValue;
            ulong maxSeq = 0;
            foreach (WKMessage m in raw)
            {
                minSeq = Math.Min(minSeq, m.MessageSeq);
                maxSeq = Math.Max(maxSeq, m.MessageSeq);
                // The server's page is ascending; keep only the requested range (start=end=0 pages are unbounded below).
                if (m.MessageSeq >= _lowest && (!_highest.HasValue || m.MessageSeq <= _highest.Value))
                {
                    result.Add(m);
                }
            }
            if (_query.Order == WKMessageOrder.NewestFirst)
            {
                result.Reverse();
            }
            if (_query.MaxCount.HasValue && Delivered + result.Count > _query.MaxCount.Value)
            {
                result.RemoveRange((int)(_query.MaxCount.Value - Delivered), (int)(Delivered + result.Count - _query.MaxCount.Value));
            }
            Delivered += result.Count;

            // A short page means the range is exhausted; so does reaching either end of the range or the count.
            bool exhausted = raw.Length < limit || raw.Length == 0 || (_query.MaxCount.HasValue && Delivered >= _query.MaxCount.Value);
            if (_query.Order == WKMessageOrder.OldestFirst)
            {
                if (!exhausted)
                {
                    if (maxSeq == ulong.MaxValue || (_highest.HasValue && maxSeq >= _highest.Value))
                    {
                        exhausted = true;
                    }
                    else
                    {
                        _nextUp = maxSeq + 1;
                    }
                }
            }
            else if (!exhausted)
            {
                if (minSeq <= _lowest || minSeq <= 1)
                {
                    exhausted = true;
                }
                else
                {
                    _nextDown = minSeq - 1;
                }
            }
            Finished = exhausted;
            return result;
        }

        private WKMessageSyncRequest UpRequest(int limit) => new WKMessageSyncRequest
        {
            LoginUid = _loginUid,
            ChannelId = _query.ChannelId,
            ChannelType = _query.ChannelType,
            PullMode = 1,
            // Up mode reads [start, end): end is exclusive, 0 = no upper bound.
            StartMessageSeq = _nextUp,
            EndMessageSeq = _highest.HasValue && _highest.Value < ulong.MaxValue ? _highest.Value + 1 : 0,
            Limit = limit,
            EventSummaryMode = _query.BasicEventSummary ? "basic" : null,
        };

        private WKMessageSyncRequest DownRequest(int limit) => new WKMessageSyncRequest
        {
            LoginUid = _loginUid,
            ChannelId = _query.ChannelId,
            ChannelType = _query.ChannelType,
            PullMode = 0,
            // Down mode reads the newest `limit` of (end, start]; start = end = 0 means the channel's newest messages.
            StartMessageSeq = _nextDown ?? 0,
            EndMessageSeq = _nextDown.HasValue ? _lowest - 1 : 0,
            Limit = limit,
            EventSummaryMode = _query.BasicEventSummary ? "basic" : null,
        };
    }
}
