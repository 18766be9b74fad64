using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Channels, subscribers, blacklists and whitelists (wukongim-api.md §3.5, §3.6) and their reads from the /cluster API
    /// (§11.4). Input the server would refuse, or silently store wrongly, is refused before any request.
    /// </summary>
    public sealed partial class ChannelsApi
    {
        private readonly WKClient _client;

        // The unreadable flags (large, send_ban, allow_stranger) can only be kept where they were written: here.
        private readonly ConcurrentDictionary<WKChannelKey, WKChannelInfo> _writtenFlags = new ConcurrentDictionary<WKChannelKey, WKChannelInfo>();

        internal ChannelsApi(WKClient client) => _client = client;

        // ---- channel records ----

        /// <summary>
        /// <c>POST /channel</c>: creates the channel or overwrites its record (every flag is taken from <paramref name="info"/>),
        /// then adds <paramref name="subscribers"/> (after removing every member when <paramref name="resetSubscribers"/>).
        /// </summary>
        public async Task CreateChannelAsync(WKChannelInfo info, IReadOnlyCollection<string>? subscribers, bool resetSubscribers, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(info.ChannelId, info.ChannelType, specialCharacters: true);
            string[] members = subscribers == null ? Array.Empty<string>() : WKChannelValidation.RequireUids(subscribers, allowEmpty: true);
            if (info.ChannelType == WKChannelType.Person && members.Length > 0)
            {
                throw WKChannelValidation.PersonHasNoSubscribers(info.ChannelId);
            }
            ChannelInfoBody flags = ChannelInfoBody.From(info);
            var body = new ChannelCreateBody
            {
                ChannelId = flags.ChannelId,
                ChannelType = flags.ChannelType,
                Large = flags.Large,
                Ban = flags.Ban,
                Disband = flags.Disband,
                SendBan = flags.SendBan,
                AllowStranger = flags.AllowStranger,
                Reset = resetSubscribers ? 1 : 0,
                Subscribers = members.Length == 0 ? null : members,
            };
            await _client.PostAsync("/channel", body, ChannelsJsonContext.Default.ChannelCreateBody, idempotent: !resetSubscribers, cancellationToken).ConfigureAwait(false);
            Remember(info);
        }

        /// <summary><c>POST /channel/info</c>: overwrites all five flags of the record (creating it when absent).</summary>
        public async Task SetChannelInfoAsync(WKChannelInfo info, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(info.ChannelId, info.ChannelType, specialCharacters: false);
            await _client.PostAsync("/channel/info", ChannelInfoBody.From(info), ChannelsJsonContext.Default.ChannelInfoBody, idempotent: true, cancellationToken).ConfigureAwait(false);
            Remember(info);
        }

        /// <summary>
        /// <c>POST /channel/delete</c>: marks the channel disbanded. Nothing is deleted (messages stay readable) and an unknown
        /// channel is a silent no-op. Person channels are refused.
        /// </summary>
        public async Task DeleteChannelAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            if (channelType == WKChannelType.Person)
            {
                throw new WKValidationException("Person channels cannot be deleted: channel " + channelId + " is a user's own record. Use Block-WKChannel or Set-WKChannel -Ban to ban the user instead.", nameof(channelType));
            }
            var body = new ChannelKeyBody { ChannelId = channelId, ChannelType = (byte)channelType };
            await _client.PostAsync("/channel/delete", body, ChannelsJsonContext.Default.ChannelKeyBody, idempotent: true, cancellationToken).ConfigureAwait(false);
            if (_writtenFlags.TryGetValue(new WKChannelKey(channelId, channelType), out WKChannelInfo? known))
            {
                WKChannelInfo disbanded = known.Clone();
                disbanded.Disband = true;
                Remember(disbanded);
            }
        }

        /// <summary>The flags this client last wrote for the channel (the only source for large, send_ban, allow_stranger), or null.</summary>
        public WKChannelInfo? GetWrittenFlags(string channelId, WKChannelType channelType) =>
            _writtenFlags.TryGetValue(new WKChannelKey(channelId, channelType), out WKChannelInfo? info) ? info.Clone() : null;

        private void Remember(WKChannelInfo info) => _writtenFlags[new WKChannelKey(info.ChannelId, info.ChannelType)] = info.Clone();

        // The server cannot report send_ban, large or allow_stranger: show what this client wrote, else leave them unknown.
        private WKChannel WithWrittenFlags(WKChannel row)
        {
            if (_writtenFlags.TryGetValue(new WKChannelKey(row.ChannelId, row.ChannelType), out WKChannelInfo? written))
            {
                row.SendBan = written.SendBan;
                row.Large = written.Large;
                row.AllowStranger = written.AllowStranger;
                row.FlagSource = WKFlagSource.ThisSession;
            }
            return row;
        }

        /// <summary>
        /// Reads the channel record, then computes the full flag set for POST /channel/info that changes only the flags in
        /// <paramref name="changes"/>. Sends nothing.
        /// </summary>
        public async Task<WKChannelFlagPlan> PlanFlagUpdateAsync(string channelId, WKChannelType channelType, WKChannelFlagChanges changes, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            WKChannel? current = await GetChannelAsync(channelId, channelType, cancellationToken).ConfigureAwait(false);
            return WKChannelFlagMerge.Plan(channelId, channelType, current, GetWrittenFlags(channelId, channelType), changes);
        }

        /// <summary>
        /// One channel record. Reads <c>GET /cluster/channels?channel_id=X</c> (the enriched listing) and picks the row with
        /// the type; a channel missing from the listing (first created by subscriber_add) is read with the direct lookup and
        /// its member list, and marked <see cref="WKChannel.Listed"/> = false. Null when the server has no record.
        /// </summary>
        public async Task<WKChannel?> GetChannelAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            foreach (WKChannel row in await FindChannelsAsync(channelId, cancellationToken).ConfigureAwait(false))
            {
                if (row.ChannelType == channelType)
                {
                    return row;
                }
            }
            var request = new WKRequest("GET", "/cluster/channels").AddQuery("channel_id", channelId).AddQuery("channel_type", (long)channelType);
            ChannelPage page = await _client.GetAsync(request, ChannelsJsonContext.Default.ChannelPage, cancellationToken).ConfigureAwait(false);
            WKChannel? direct = page.Data != null && page.Data.Length > 0 ? page.Data[0] : null;
            // An unknown channel is one blank row, not an empty list.
            if (direct == null || direct.ChannelId.Length == 0)
            {
                return null;
            }
            direct.Listed = false;
            WithWrittenFlags(direct);
            if (channelType != WKChannelType.Person)
            {
                direct.SubscriberCount = (await GetSubscribersAsync(channelId, channelType, cancellationToken).ConfigureAwait(false)).Count;
            }
            return direct;
        }

        /// <summary>Every listed channel with this id, of any type (<c>GET /cluster/channels?channel_id=X</c>, all pages).</summary>
        public async Task<IReadOnlyList<WKChannel>> FindChannelsAsync(string channelId, CancellationToken cancellationToken)
        {
            WKIds.RequireChannelId(channelId, nameof(channelId));
            var rows = new List<WKChannel>();
            IAsyncEnumerator<WKChannel> pages = ListAsync(channelId, null, 100, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    rows.Add(pages.Current);
                }
            }
            finally
            {
                await pages.DisposeAsync().ConfigureAwait(false);
            }
            return rows;
        }

        /// <summary>
        /// All listed channels, newest first, optionally of one type, fetched page by page (keyset on created_at until
        /// more == 0). Channels first created by subscriber_add are never listed (a v2.2.5 limitation). Never sends the
        /// ban/disband/count filters, which crash v2.2.5: filter the rows instead.
        /// </summary>
        public IAsyncEnumerable<WKChannel> ListChannelsAsync(WKChannelType? channelType, int pageSize, CancellationToken cancellationToken)
        {
            if (pageSize < 1 || pageSize > 1000)
            {
                throw new WKValidationException("The page size must be between 1 and 1000 (the server pre-allocates rows for it).", nameof(pageSize));
            }
            return ListAsync(null, channelType, pageSize, cancellationToken);
        }

        private async IAsyncEnumerable<WKChannel> ListAsync(string? channelId, WKChannelType? channelType, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long cursor = 0;
            while (true)
            {
                var request = new WKRequest("GET", "/cluster/channels").AddQuery("channel_id", channelId).AddQuery("limit", pageSize);
                if (channelType.HasValue)
                {
                    request.AddQuery("channel_type", (long)channelType.Value);
                }
                if (cursor != 0)
                {
                    request.AddQuery("offset_created_at", cursor);
                }
                ChannelPage page = await _client.GetAsync(request, ChannelsJsonContext.Default.ChannelPage, cancellationToken).ConfigureAwait(false);
                WKChannel[] rows = page.Data ?? Array.Empty<WKChannel>();
                foreach (WKChannel row in rows)
                {
                    yield return WithWrittenFlags(row);
                }
                if (page.More == 0 || rows.Length == 0)
                {
                    yield break;
                }
                long next = rows[rows.Length - 1].CreatedAtNanos;
                if (next == 0 || next == cursor)
                {
                    yield break; // no usable cursor: stop rather than loop
                }
                cursor = next;
            }
        }

        // ---- subscribers ----

        /// <summary><c>POST /channel/subscriber_add</c>: adds members (idempotent); each gets a conversation with the channel.</summary>
        public Task AddSubscribersAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostSubscribersAsync(channelId, channelType, uids, reset: false, cancellationToken);

        /// <summary>
        /// Replaces the member list: <c>POST /channel/subscriber_add</c> with reset=1, or subscriber_remove_all for an empty
        /// list. A temporary channel (type 8) uses <c>POST /tmpchannel/subscriber_set</c>.
        /// </summary>
        public Task SetSubscribersAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken)
        {
            if (channelType == WKChannelType.Temp)
            {
                return SetTempSubscribersAsync(channelId, uids, cancellationToken);
            }
            if (uids.Count == 0)
            {
                return RemoveAllSubscribersAsync(channelId, channelType, cancellationToken);
            }
            return PostSubscribersAsync(channelId, channelType, uids, reset: true, cancellationToken);
        }

        private async Task PostSubscribersAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, bool reset, CancellationToken cancellationToken)
        {
            RequireSubscriberChannel(channelId, channelType);
            var body = new SubscribersBody { ChannelId = channelId, ChannelType = (byte)channelType, Reset = reset ? 1 : 0, Subscribers = WKChannelValidation.RequireUids(uids, allowEmpty: false) };
            await _client.PostAsync("/channel/subscriber_add", body, ChannelsJsonContext.Default.SubscribersBody, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>POST /channel/subscriber_remove</c>: removes members and their conversations with the channel.</summary>
        public async Task RemoveSubscribersAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken)
        {
            RequireSubscriberChannel(channelId, channelType);
            var body = new SubscribersBody { ChannelId = channelId, ChannelType = (byte)channelType, Subscribers = WKChannelValidation.RequireUids(uids, allowEmpty: false) };
            await _client.PostAsync("/channel/subscriber_remove", body, ChannelsJsonContext.Default.SubscribersBody, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>POST /channel/subscriber_remove_all</c>: removes every member (their conversations stay).</summary>
        public async Task RemoveAllSubscribersAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            RequireSubscriberChannel(channelId, channelType);
            var body = new ChannelKeyBody { ChannelId = channelId, ChannelType = (byte)channelType };
            await _client.PostAsync("/channel/subscriber_remove_all", body, ChannelsJsonContext.Default.ChannelKeyBody, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>POST /tmpchannel/subscriber_set</c>: the receivers of temporary channel <paramref name="channelId"/> (type 8).</summary>
        public async Task SetTempSubscribersAsync(string channelId, IReadOnlyCollection<string> uids, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, WKChannelType.Temp, specialCharacters: true);
            var body = new TempSubscribersBody { ChannelId = channelId, Uids = WKChannelValidation.RequireUids(uids, allowEmpty: false) };
            await _client.PostAsync("/tmpchannel/subscriber_set", body, ChannelsJsonContext.Default.TempSubscribersBody, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>GET /cluster/channels/:id/:type/subscribers</c>: every member uid, in the server's hash order.</summary>
        public Task<IReadOnlyList<string>> GetSubscribersAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            RequireSubscriberChannel(channelId, channelType);
            return GetUidListAsync(channelId, channelType, "subscribers", cancellationToken);
        }

        private static void RequireSubscriberChannel(string channelId, WKChannelType channelType)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: true);
            if (channelType == WKChannelType.Person)
            {
                throw WKChannelValidation.PersonHasNoSubscribers(channelId);
            }
        }

        // ---- blacklist (denylist) ----

        /// <summary><c>POST /channel/blacklist_add</c>. For a person channel, <paramref name="channelId"/> is the owner's uid and the uids are the senders to block.</summary>
        public Task AddBlacklistAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostUidsAsync("/channel/blacklist_add", channelId, channelType, uids, allowEmpty: false, specialCharacters: false, cancellationToken);

        /// <summary><c>POST /channel/blacklist_remove</c>.</summary>
        public Task RemoveBlacklistAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostUidsAsync("/channel/blacklist_remove", channelId, channelType, uids, allowEmpty: false, specialCharacters: false, cancellationToken);

        /// <summary><c>POST /channel/blacklist_set</c>: replaces the list (an empty list clears it).</summary>
        public Task SetBlacklistAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostUidsAsync("/channel/blacklist_set", channelId, channelType, uids, allowEmpty: true, specialCharacters: false, cancellationToken);

        /// <summary><c>POST /channel/blacklist_remove_all</c>.</summary>
        public Task RemoveAllBlacklistAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken) =>
            PostChannelAsync("/channel/blacklist_remove_all", channelId, channelType, cancellationToken);

        /// <summary><c>GET /cluster/channels/:id/:type/denylist</c>.</summary>
        public Task<IReadOnlyList<string>> GetBlacklistAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            return GetUidListAsync(channelId, channelType, "denylist", cancellationToken);
        }

        // ---- whitelist (allowlist) ----

        /// <summary><c>POST /channel/whitelist_add</c>. On a person channel this also creates conversations for the pairs.</summary>
        public Task AddWhitelistAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostUidsAsync("/channel/whitelist_add", channelId, channelType, uids, allowEmpty: false, specialCharacters: true, cancellationToken);

        /// <summary><c>POST /channel/whitelist_remove</c>.</summary>
        public Task RemoveWhitelistAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostUidsAsync("/channel/whitelist_remove", channelId, channelType, uids, allowEmpty: false, specialCharacters: true, cancellationToken);

        /// <summary><c>POST /channel/whitelist_set</c>: replaces the list (an empty list clears it).</summary>
        public Task SetWhitelistAsync(string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, CancellationToken cancellationToken) =>
            PostUidsAsync("/channel/whitelist_set", channelId, channelType, uids, allowEmpty: true, specialCharacters: false, cancellationToken);

        /// <summary><c>POST /channel/whitelist_remove_all</c>.</summary>
        public Task RemoveAllWhitelistAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken) =>
            PostChannelAsync("/channel/whitelist_remove_all", channelId, channelType, cancellationToken);

        /// <summary><c>GET /cluster/channels/:id/:type/allowlist</c>.</summary>
        public Task<IReadOnlyList<string>> GetWhitelistAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            return GetUidListAsync(channelId, channelType, "allowlist", cancellationToken);
        }

        /// <summary><c>GET /channel/whitelist</c>: the members with their ids (unsigned 64-bit) and times, ordered by id.</summary>
        public async Task<IReadOnlyList<WKWhitelistEntry>> GetWhitelistEntriesAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            var request = new WKRequest("GET", "/channel/whitelist").AddQuery("channel_id", channelId).AddQuery("channel_type", (long)channelType);
            WKWhitelistEntry[] entries = await _client.GetAsync(request, ChannelsJsonContext.Default.WKWhitelistEntryArray, cancellationToken).ConfigureAwait(false);
            foreach (WKWhitelistEntry entry in entries)
            {
                entry.ChannelId = channelId;
                entry.ChannelType = channelType;
            }
            return entries;
        }

        // ---- shared plumbing ----

        private async Task PostUidsAsync(string path, string channelId, WKChannelType channelType, IReadOnlyCollection<string> uids, bool allowEmpty, bool specialCharacters, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters);
            var body = new ChannelUidsBody { ChannelId = channelId, ChannelType = (byte)channelType, Uids = WKChannelValidation.RequireUids(uids, allowEmpty) };
            await _client.PostAsync(path, body, ChannelsJsonContext.Default.ChannelUidsBody, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        private async Task PostChannelAsync(string path, string channelId, WKChannelType channelType, CancellationToken cancellationToken)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            var body = new ChannelKeyBody { ChannelId = channelId, ChannelType = (byte)channelType };
            await _client.PostAsync(path, body, ChannelsJsonContext.Default.ChannelKeyBody, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        private async Task<IReadOnlyList<string>> GetUidListAsync(string channelId, WKChannelType channelType, string list, CancellationToken cancellationToken)
        {
            if (channelId.IndexOf('/') >= 0)
            {
                throw new WKValidationException("Channel " + channelId + " contains '/', which the /cluster API cannot address in a path.", nameof(channelId));
            }
            string path = "/cluster/channels/" + Uri.EscapeDataString(channelId) + "/" + ((int)channelType).ToString(CultureInfo.InvariantCulture) + "/" + list;
            return await _client.GetAsync(new WKRequest("GET", path), ChannelsJsonContext.Default.StringArray, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The checks made before a channel request is sent.</summary>
    public static class WKChannelValidation
    {
        public static void RequireChannel(string? channelId, WKChannelType channelType, bool specialCharacters)
        {
            if (string.IsNullOrWhiteSpace(channelId))
            {
                throw new WKInvalidInputException("WKChannelIdEmpty", "The channel id must not be empty.", nameof(channelId), channelId);
            }
            // Control characters (NUL, line breaks, escapes) are never part of a channel id: the server answers 400 or
            // stores an id nobody can type. Refused on every route, whatever the route's own checks.
            int control = WKInputRules.IndexOfControl(channelId!);
            if (control >= 0)
            {
                throw new WKInvalidInputException("WKChannelIdControlCharacter",
                    "The channel id contains the control character U+" + ((int)channelId![control]).ToString("X4", CultureInfo.InvariantCulture) + ".", nameof(channelId), channelId);
            }
            if ((byte)channelType == 0 || !Enum.IsDefined(typeof(WKChannelType), channelType))
            {
                throw new WKInvalidInputException("WKInvalidChannelType", "Channel type " + ((int)channelType).ToString(CultureInfo.InvariantCulture) + " is not a WuKongIM channel type (1-12).", nameof(channelType), (int)channelType);
            }
            if (specialCharacters && channelId!.IndexOfAny(SpecialCharacters) >= 0)
            {
                throw new WKInvalidInputException("WKChannelIdSpecialCharacter", "Channel id '" + channelId + "' contains @, # or &, which the server refuses here.", nameof(channelId), channelId);
            }
        }

        private static readonly char[] SpecialCharacters = { '@', '#', '&' };

        /// <summary>The uids as an array; refuses a blank uid (the server would store it) and, unless allowed, an empty list.</summary>
        public static string[] RequireUids(IReadOnlyCollection<string> uids, bool allowEmpty)
        {
            if (uids == null || (!allowEmpty && uids.Count == 0))
            {
                throw new WKValidationException("At least one uid is needed.", nameof(uids));
            }
            var array = new string[uids.Count];
            int i = 0;
            foreach (string uid in uids)
            {
                if (string.IsNullOrWhiteSpace(uid))
                {
                    throw new WKInvalidInputException("WKUidEmpty", "A uid must not be empty.", nameof(uids), uid);
                }
                WKInputRules.RequireNoControl(uid, nameof(uids));
                array[i++] = uid;
            }
            return array;
        }

        public static WKValidationException PersonHasNoSubscribers(string channelId) =>
            new WKValidationException("Person channels have no subscribers: channel " + channelId + " (Person) is a one-to-one conversation. Use a group channel.", "channelType");
    }
}
