using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// A user's blocklist and allowlist: the blacklist and whitelist of the person channel (owner uid, type 1). A message
    /// from A to B is refused when A is on B's blocklist; B's allowlist is enforced only when the server runs with
    /// <c>whitelistOffOfPerson: false</c> (default true, i.e. not enforced), a server-wide setting the API cannot read.
    /// </summary>
    public sealed class WKUserListOperations
    {
        private readonly WKClient _client;

        public WKUserListOperations(WKClient client) => _client = client;

        public async Task<IReadOnlyList<WKUserListEntry>> GetAsync(string ownerUid, WKUserListKind list, CancellationToken cancellationToken)
        {
            string owner = WKInputRules.Uid(ownerUid);
            if (list == WKUserListKind.Blocklist)
            {
                IReadOnlyList<string> uids = await _client.Channels.GetBlacklistAsync(owner, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
                return uids.Select(u => new WKUserListEntry { Uid = owner, ListedUid = u, List = list }).ToList();
            }
            // GET /channel/whitelist also gives the time each uid was added.
            IReadOnlyList<WKWhitelistEntry> entries = await _client.Channels.GetWhitelistEntriesAsync(owner, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
            return entries.Select(e => new WKUserListEntry { Uid = owner, ListedUid = e.Uid, List = list, CreatedAt = e.CreatedAt }).ToList();
        }

        public async Task<IReadOnlyList<WKBulkItemResult>> AddAsync(string ownerUid, WKUserListKind list, IReadOnlyList<string> uids, CancellationToken cancellationToken)
        {
            string owner = WKInputRules.Uid(ownerUid);
            List<string> listed = WKInputRules.Uids(uids);
            if (list == WKUserListKind.Blocklist)
            {
                await _client.Channels.AddBlacklistAsync(owner, WKChannelType.Person, listed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.Channels.AddWhitelistAsync(owner, WKChannelType.Person, listed, cancellationToken).ConfigureAwait(false);
            }
            return WKBulk.Results(WKBulkScope.UserList("Add" + list, owner), listed, WKBulkItemStatus.Succeeded, null);
        }

        public async Task<IReadOnlyList<WKBulkItemResult>> RemoveAsync(string ownerUid, WKUserListKind list, IReadOnlyList<string> uids, CancellationToken cancellationToken)
        {
            string owner = WKInputRules.Uid(ownerUid);
            List<string> listed = WKInputRules.Uids(uids);
            if (list == WKUserListKind.Blocklist)
            {
                await _client.Channels.RemoveBlacklistAsync(owner, WKChannelType.Person, listed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.Channels.RemoveWhitelistAsync(owner, WKChannelType.Person, listed, cancellationToken).ConfigureAwait(false);
            }
            return WKBulk.Results(WKBulkScope.UserList("Remove" + list, owner), listed, WKBulkItemStatus.Succeeded, null);
        }

        /// <summary>Empties the owner's list.</summary>
        public async Task<WKBulkItemResult> ClearAsync(string ownerUid, WKUserListKind list, CancellationToken cancellationToken)
        {
            string owner = WKInputRules.Uid(ownerUid);
            if (list == WKUserListKind.Blocklist)
            {
                await _client.Channels.RemoveAllBlacklistAsync(owner, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.Channels.RemoveAllWhitelistAsync(owner, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
            }
            return Cleared(owner, list);
        }

        /// <summary>Replaces the owner's list with exactly <paramref name="uids"/> (an empty list clears it).</summary>
        public async Task<IReadOnlyList<WKBulkItemResult>> SetAsync(string ownerUid, WKUserListKind list, IReadOnlyList<string> uids, CancellationToken cancellationToken)
        {
            string owner = WKInputRules.Uid(ownerUid);
            List<string> listed = uids.Select(u => WKInputRules.Uid(u)).Distinct().ToList();
            if (list == WKUserListKind.Blocklist)
            {
                await _client.Channels.SetBlacklistAsync(owner, WKChannelType.Person, listed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.Channels.SetWhitelistAsync(owner, WKChannelType.Person, listed, cancellationToken).ConfigureAwait(false);
            }
            if (listed.Count == 0)
            {
                return new[] { Cleared(owner, list) };
            }
            return WKBulk.Results(WKBulkScope.UserList("Set" + list, owner), listed, WKBulkItemStatus.Succeeded, null);
        }

        /// <summary>The one row of an emptied list: the owner, no listed uid.</summary>
        private static WKBulkItemResult Cleared(string owner, WKUserListKind list) =>
            new WKBulkItemResult("Clear" + list, null, null, owner, WKBulkItemStatus.Succeeded);
    }
}
