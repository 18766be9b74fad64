using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    public sealed partial class ClusterApi
    {
        /// <summary>Rows per search request: the server has no cap and pre-allocates limit x 8 rows.</summary>
        public const int MaxSearchPageSize = 1000;

        /// <summary>Which way the server walks the store for this search (§11.6), and so which cursor pages it.</summary>
        public static WKMessageSearchScan ScanOf(WKMessageSearch search)
        {
            if (search.MessageId.HasValue)
            {
                return WKMessageSearchScan.MessageId;
            }
            if (!string.IsNullOrEmpty(search.ChannelId) && search.ChannelType.HasValue)
            {
                return WKMessageSearchScan.Channel;
            }
            if (!string.IsNullOrEmpty(search.FromUid) || !string.IsNullOrEmpty(search.ClientMsgNo))
            {
                return WKMessageSearchScan.SecondaryIndex;
            }
            return WKMessageSearchScan.Global;
        }

        /// <summary>
        /// Searches messages across channels through <c>GET /cluster/messages</c>, newest first, page by page: the global
        /// scan pages with <c>offset_message_id</c> (the smallest id of the page), a channel scan with
        /// <c>offset_message_seq</c> (the smallest seq). The sender and client_msg_no indexes are not in time order: they are
        /// read in pages of <see cref="MaxSearchPageSize"/>, complete up to that many matches, de-duplicated, and the walk
        /// ends when a page brings nothing new. Each message is a
        /// <see cref="WKMessage"/> with its payload decoded as everywhere else and <see cref="WKMessage.StoredChannelId"/> set.
        /// </summary>
        public async IAsyncEnumerable<WKMessage> SearchMessagesAsync(WKMessageSearch search, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            SearchQuery query = Prepare(search);
            long written = 0;
            long max = search.MaxCount ?? long.MaxValue;
            if (max <= 0)
            {
                yield break;
            }
            string? cursorName = null;
            string? cursor = null;
            var seen = new HashSet<long>();
            while (true)
            {
                int limit = (int)Math.Min(search.PageSize, Math.Max(1, max - written));
                if (query.Scan == WKMessageSearchScan.SecondaryIndex)
                {
                    // That index is not in time order, so paging it by message id can skip matches (wukongim-api.md,
                    // GET /cluster/messages): ask for the largest page the server allows, so up to that many matches come back whole,
                    // and page beyond it only as a best effort. Pages overlap, so a short page is no end: count new rows.
                    limit = MaxSearchPageSize;
                }
                WKRequest request = query.Build(limit, cursorName, cursor);
                ClusterMessagePage page = await _client.GetAsync(request, ClusterJsonContext.Default.ClusterMessagePage, cancellationToken).ConfigureAwait(false);
                ulong smallestSeq = ulong.MaxValue;
                long smallestId = long.MaxValue;
                int fresh = 0;
                foreach (ClusterMessageRow row in page.Data)
                {
                    WKMessage message = ToMessage(request, row);
                    smallestSeq = Math.Min(smallestSeq, message.MessageSeq);
                    smallestId = Math.Min(smallestId, message.MessageId);
                    if (!seen.Add(message.MessageId))
                    {
                        continue;
                    }
                    fresh++;
                    yield return message;
                    if (++written >= max)
                    {
                        yield break;
                    }
                }
                if (query.Scan == WKMessageSearchScan.MessageId || page.Data.Length < limit || fresh == 0)
                {
                    yield break;
                }
                if (query.Scan == WKMessageSearchScan.Channel)
                {
                    if (smallestSeq <= 1)
                    {
                        yield break;
                    }
                    cursorName = "offset_message_seq";
                    cursor = smallestSeq.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    cursorName = "offset_message_id";
                    cursor = smallestId.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        /// <summary>Checks a search and builds its fixed query (everything but the limit and the cursor).</summary>
        private static SearchQuery Prepare(WKMessageSearch search)
        {
            if (search.PageSize < 1 || search.PageSize > MaxSearchPageSize)
            {
                throw new WKInvalidInputException("WKInvalidPageSize", string.Format(CultureInfo.InvariantCulture, "The page size {0} is outside 1..{1}.", search.PageSize, MaxSearchPageSize), "PageSize", search.PageSize);
            }
            byte[]? needle = search.Payload;
            if (search.Text != null)
            {
                if (needle != null)
                {
                    throw new WKInvalidInputException("WKConflictingFilters", "Search for text or for bytes, not both.", "Text", search.Text);
                }
                needle = Encoding.UTF8.GetBytes(search.Text);
            }
            if (needle != null && needle.Length == 0)
            {
                throw new WKInvalidInputException("WKEmptySearchText", "The text or bytes to search for are empty: that matches every message. Leave the filter out instead.", "Text", string.Empty);
            }
            bool hasChannel = !string.IsNullOrEmpty(search.ChannelId);
            if (search.MessageId.HasValue && (needle != null || hasChannel || !string.IsNullOrEmpty(search.FromUid) || !string.IsNullOrEmpty(search.ClientMsgNo)))
            {
                // The server ignores every other filter next to message_id; combining them would silently return a non-match.
                throw new WKInvalidInputException("WKConflictingFilters", "A message id search takes no other filter: the server ignores them.", "MessageId", search.MessageId);
            }
            if (search.MessageId.HasValue && search.MessageId.Value <= 0)
            {
                throw new WKInvalidInputException("WKInvalidMessageId", "A message id is a positive number.", "MessageId", search.MessageId);
            }
            if (hasChannel && search.ChannelType == null)
            {
                throw new WKInvalidInputException("WKChannelTypeRequired", "A channel id needs its channel type (the server matches the stored id and type together).", "ChannelType", search.ChannelId);
            }
            string? storedChannelId = null;
            if (hasChannel)
            {
                WKChannelValidation.RequireChannel(search.ChannelId, search.ChannelType!.Value, specialCharacters: false);
                storedChannelId = StoredIdForSearch(search);
            }
            var query = new SearchQuery { Scan = ScanOf(search) };
            query.Fixed.Add(new KeyValuePair<string, string>("message_id", search.MessageId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
            query.Fixed.Add(new KeyValuePair<string, string>("channel_id", storedChannelId ?? string.Empty));
            query.Fixed.Add(new KeyValuePair<string, string>("channel_type", search.ChannelType.HasValue ? ((int)search.ChannelType.Value).ToString(CultureInfo.InvariantCulture) : string.Empty));
            query.Fixed.Add(new KeyValuePair<string, string>("from_uid", search.FromUid ?? string.Empty));
            query.Fixed.Add(new KeyValuePair<string, string>("client_msg_no", search.ClientMsgNo ?? string.Empty));
            // Standard padded base64; WKRequest percent-encodes '+', '/' and '=' in the query.
            query.Fixed.Add(new KeyValuePair<string, string>("payload", needle == null ? string.Empty : Convert.ToBase64String(needle)));
            query.Fixed.RemoveAll(p => p.Value.Length == 0);
            return query;
        }

        /// <summary>
        /// The stored id to search a channel under: a person channel given as the other party's uid is derived from it and
        /// <see cref="WKMessageSearch.LoginUid"/> (else the sender filter), as §2.2 says; an id with '@' is taken as stored.
        /// </summary>
        internal static string StoredIdForSearch(WKMessageSearch search)
        {
            string channelId = search.ChannelId!;
            if (search.ChannelType != WKChannelType.Person || channelId.IndexOf('@') >= 0)
            {
                return channelId;
            }
            string? party = !string.IsNullOrEmpty(search.LoginUid) ? search.LoginUid : search.FromUid;
            if (string.IsNullOrEmpty(party))
            {
                throw new WKInvalidInputException("WKPersonChannelNeedsUid",
                    "A person channel is stored under an id built from both uids: give -LoginUid (the other party), -FromUid, or the stored a@b id.", "LoginUid", channelId);
            }
            return WKChannelIds.PersonChannelId(party!, channelId);
        }

        /// <summary>The search row as a <see cref="WKMessage"/>, rendered like MessageResp (§2.2): system sender as "", person channel relative to the sender.</summary>
        internal static WKMessage ToMessage(WKRequest request, ClusterMessageRow row)
        {
            // The id is a decimal string beyond 2^53: parse it exactly, never through a double.
            if (!long.TryParse(row.MessageId, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                throw new WKApiException(WKErrorKind.InvalidResponse, request.Method, request.PathAndQuery, 200, null, null, "message_id '" + row.MessageId + "' is not a 64-bit integer");
            }
            string from = row.FromUid == WKChannelIds.SystemUid ? string.Empty : row.FromUid;
            string channel = row.ChannelId;
            var type = (WKChannelType)row.ChannelType;
            if (type == WKChannelType.Person)
            {
                int at = channel.IndexOf('@');
                if (at >= 0)
                {
                    string first = channel.Substring(0, at);
                    string second = channel.Substring(at + 1);
                    channel = first == row.FromUid ? second : second == row.FromUid ? first : channel;
                }
            }
            return new WKMessage
            {
                MessageId = id,
                MessageIdStr = row.MessageId,
                MessageSeq = row.MessageSeq,
                ClientMsgNo = row.ClientMsgNo,
                TimestampValue = row.Timestamp,
                ChannelId = channel,
                ChannelType = type,
                Topic = string.IsNullOrEmpty(row.Topic) ? null : row.Topic,
                FromUid = from,
                Payload = row.Payload ?? Array.Empty<byte>(),
                Expire = row.Expire,
                Setting = (byte)(row.IsStream == 1 ? 2 : 0),
                StoredChannelId = row.ChannelId,
                Term = row.Term,
            };
        }

        private sealed class SearchQuery
        {
            public WKMessageSearchScan Scan { get; set; }
            public List<KeyValuePair<string, string>> Fixed { get; } = new List<KeyValuePair<string, string>>();

            public WKRequest Build(int limit, string? cursorName, string? cursor)
            {
                var request = new WKRequest("GET", "/cluster/messages");
                foreach (KeyValuePair<string, string> pair in Fixed)
                {
                    request.AddQuery(pair.Key, pair.Value);
                }
                request.AddQuery("limit", limit);
                if (cursorName != null)
                {
                    request.AddQuery(cursorName, cursor);
                }
                return request;
            }
        }
    }
}
