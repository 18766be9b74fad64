using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Blocking users on WuKongIM's primitives: a block is ban=1 on the user's person channel (connect and token issue
    /// refused) plus device quit for App, Web and PC (tokens blanked, devices kicked) plus a kick of any connection left
    /// (connections of devices that have no device record survive device quit). The end time, reason and author are
    /// recorded in the module's state file, because the server has no place for them; Sync lifts expired blocks.
    /// </summary>
    public sealed class WKUserBlockManager
    {
        public const string UnreadableFlagsWarning =
            "The person channel's send_ban, large and allow_stranger flags cannot be read from WuKongIM v2.2.5, and /channel/info overwrites them; " +
            "this module has no record of them for '{0}', so they were sent as 0. Set them again if they were on.";

        private readonly WKClient _client;
        private readonly WKBlockStateStore _store;
        private readonly Func<DateTimeOffset> _utcNow;

        public WKUserBlockManager(WKClient client, WKBlockStateStore store, Func<DateTimeOffset> utcNow)
        {
            _client = client;
            _store = store;
            _utcNow = utcNow;
            Server = WKBlockStateStore.ServerKey(client.BaseUri);
        }

        /// <summary>The state file's key for this client's server.</summary>
        public string Server { get; }

        /// <summary>The end of a block from either a duration or an end time; null means no end.</summary>
        public DateTimeOffset? ResolveUntil(TimeSpan? duration, DateTimeOffset? until)
        {
            if (duration.HasValue && until.HasValue)
            {
                throw new WKInvalidInputException("WKInvalidBlockEnd", "Give -Duration or -Until, not both.", "Duration");
            }
            if (duration.HasValue)
            {
                if (duration.Value <= TimeSpan.Zero)
                {
                    throw new WKInvalidInputException("WKInvalidBlockEnd", "The block duration must be positive.", "Duration", duration.Value);
                }
                return _utcNow() + duration.Value;
            }
            if (until.HasValue && until.Value <= _utcNow())
            {
                throw new WKInvalidInputException("WKInvalidBlockEnd", "The block end time is in the past.", "Until", until.Value);
            }
            return until?.ToUniversalTime();
        }

        public async Task<WKUserBlockResult> BlockAsync(string uid, DateTimeOffset? until, string? reason, string? blockedBy, CancellationToken cancellationToken)
        {
            WKInputRules.Uid(uid);
            var warnings = new List<string>();
            WKPersonFlags flags = await SetBanAsync(uid, true, warnings, cancellationToken).ConfigureAwait(false);
            // Recorded as soon as the ban is in place, so a failure below still leaves a block Sync can lift.
            _store.SetBlock(Server, new WKBlockRecord { Uid = uid, BlockedAt = _utcNow(), Until = until, Reason = reason, BlockedBy = blockedBy }, flags);
            int closed = await ForceOffAsync(uid, cancellationToken).ConfigureAwait(false);
            return new WKUserBlockResult { Uid = uid, Action = "Blocked", Until = until, Reason = reason, Banned = true, ConnectionsClosed = closed, Warnings = warnings.ToArray() };
        }

        public async Task<WKUserBlockResult> UnblockAsync(string uid, CancellationToken cancellationToken) =>
            await LiftAsync(uid, "Unblocked", cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Decides, for every recorded block of this server, what Sync does: expired (Until &lt;= now) → Lift; not expired
        /// but the server's ban is gone → Reapply (or BanMissing when <paramref name="reapply"/> is false); else Keep.
        /// Re-applying is the default because /channel/info from any tool overwrites every flag and silently drops a ban.
        /// </summary>
        public async Task<IReadOnlyList<WKBlockSyncStep>> PlanSyncAsync(bool reapply, CancellationToken cancellationToken)
        {
            DateTimeOffset now = _utcNow();
            var steps = new List<WKBlockSyncStep>();
            foreach (WKBlockRecord record in _store.GetBlocks(Server))
            {
                if (record.Until.HasValue && record.Until.Value <= now)
                {
                    steps.Add(new WKBlockSyncStep { Record = record, Action = WKBlockSyncAction.Lift, BannedOnServer = true });
                    continue;
                }
                WKChannel? channel = await _client.Channels.GetChannelAsync(record.Uid, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
                bool banned = channel != null && channel.Ban;
                steps.Add(new WKBlockSyncStep { Record = record, Action = banned ? WKBlockSyncAction.Keep : reapply ? WKBlockSyncAction.Reapply : WKBlockSyncAction.BanMissing, BannedOnServer = banned });
            }
            return steps;
        }

        public async Task<WKUserBlockResult> ExecuteAsync(WKBlockSyncStep step, CancellationToken cancellationToken)
        {
            WKBlockRecord r = step.Record;
            switch (step.Action)
            {
                case WKBlockSyncAction.Lift:
                    return await LiftAsync(r.Uid, "Lifted", cancellationToken).ConfigureAwait(false);
                case WKBlockSyncAction.Reapply:
                    var warnings = new List<string>();
                    WKPersonFlags flags = await SetBanAsync(r.Uid, true, warnings, cancellationToken).ConfigureAwait(false);
                    _store.SetBlock(Server, r, flags);
                    int closed = await ForceOffAsync(r.Uid, cancellationToken).ConfigureAwait(false);
                    return new WKUserBlockResult { Uid = r.Uid, Action = "Reapplied", Until = r.Until, Reason = r.Reason, Banned = true, ConnectionsClosed = closed, Warnings = warnings.ToArray() };
                default:
                    return new WKUserBlockResult { Uid = r.Uid, Action = step.Action == WKBlockSyncAction.Keep ? "Kept" : step.Action.ToString(), Until = r.Until, Reason = r.Reason, Banned = step.BannedOnServer };
            }
        }

        /// <summary>
        /// Banned person channels on the server (listed by /cluster/channels?channel_type=1 and filtered client-side, because
        /// the ban filter crashes v2.2.5) merged with the module's records, including records whose ban is missing.
        /// </summary>
        public async Task<IReadOnlyList<WKBlockedUser>> GetBlockedAsync(int pageSize, CancellationToken cancellationToken)
        {
            DateTimeOffset now = _utcNow();
            Dictionary<string, WKBlockRecord> records = _store.GetBlocks(Server).ToDictionary(b => b.Uid, StringComparer.Ordinal);
            var result = new List<WKBlockedUser>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IAsyncEnumerator<WKChannel> channels = _client.Channels.ListChannelsAsync(WKChannelType.Person, pageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await channels.MoveNextAsync().ConfigureAwait(false))
                {
                    WKChannel channel = channels.Current;
                    if (channel.ChannelType != WKChannelType.Person || !channel.Ban || !seen.Add(channel.ChannelId))
                    {
                        continue;
                    }
                    records.TryGetValue(channel.ChannelId, out WKBlockRecord? record);
                    result.Add(Row(channel.ChannelId, true, record, now));
                }
            }
            finally
            {
                await channels.DisposeAsync().ConfigureAwait(false);
            }
            foreach (WKBlockRecord record in records.Values.Where(r => !seen.Contains(r.Uid)).OrderBy(r => r.Uid, StringComparer.Ordinal))
            {
                // A recorded block the server does not list: its ban was dropped (or the channel is not listable).
                WKChannel? channel = await _client.Channels.GetChannelAsync(record.Uid, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
                result.Add(Row(record.Uid, channel != null && channel.Ban, record, now));
            }
            return result;
        }

        private static WKBlockedUser Row(string uid, bool banned, WKBlockRecord? record, DateTimeOffset now) => new WKBlockedUser
        {
            Uid = uid,
            BannedOnServer = banned,
            Recorded = record != null,
            BlockedAt = record?.BlockedAt,
            Until = record?.Until,
            Expired = record?.Until.HasValue == true && record.Until!.Value <= now,
            Reason = record?.Reason,
            BlockedBy = record?.BlockedBy,
        };

        private async Task<WKUserBlockResult> LiftAsync(string uid, string action, CancellationToken cancellationToken)
        {
            WKInputRules.Uid(uid);
            var warnings = new List<string>();
            WKBlockRecord? record = _store.GetBlock(Server, uid);
            WKPersonFlags flags = await SetBanAsync(uid, false, warnings, cancellationToken).ConfigureAwait(false);
            _store.RemoveBlock(Server, uid, flags);
            return new WKUserBlockResult { Uid = uid, Action = action, Until = record?.Until, Reason = record?.Reason, Banned = false, Warnings = warnings.ToArray() };
        }

        /// <summary>
        /// Writes the person channel's flags with <paramref name="ban"/> changed and everything else kept as far as it can be
        /// known: disband from the server, send_ban/large/allow_stranger from the module's memory (warning when it has none).
        /// </summary>
        private async Task<WKPersonFlags> SetBanAsync(string uid, bool ban, List<string> warnings, CancellationToken cancellationToken)
        {
            WKChannel? current = await _client.Channels.GetChannelAsync(uid, WKChannelType.Person, cancellationToken).ConfigureAwait(false);
            WKPersonFlags? remembered = _store.GetFlags(Server, uid);
            if (remembered == null)
            {
                warnings.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, UnreadableFlagsWarning, uid));
                remembered = new WKPersonFlags();
            }
            await _client.Channels.SetChannelInfoAsync(new WKChannelInfo
            {
                ChannelId = uid,
                ChannelType = WKChannelType.Person,
                Ban = ban,
                Disband = current != null && current.Disband,
                SendBan = remembered.SendBan,
                Large = remembered.Large,
                AllowStranger = remembered.AllowStranger,
            }, cancellationToken).ConfigureAwait(false);
            return remembered;
        }

        /// <summary>Device quit for App, Web and PC, then a kick of every connection still listed for the exact uid.</summary>
        private async Task<int> ForceOffAsync(string uid, CancellationToken cancellationToken)
        {
            await _client.Users.QuitDeviceAsync(uid, WKDeviceFlag.All, cancellationToken).ConfigureAwait(false);
            return await WKConnectionKicker.KickAllAsync(_client, uid, null, force: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
