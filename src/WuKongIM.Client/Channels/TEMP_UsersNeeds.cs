// TEMPORARY (users branch): minimal stand-ins for the Channels client methods the user-management cmdlets call.
// The channels branch provides the real ones with these names and signatures; the lead deletes this file on merge.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    public sealed class WKChannelInfo
    {
        public string ChannelId { get; set; } = string.Empty;
        public WKChannelType ChannelType { get; set; }
        public bool Large { get; set; }
        public bool Ban { get; set; }
        public bool Disband { get; set; }
        public bool SendBan { get; set; }
        public bool AllowStranger { get; set; }
    }

    public sealed class WKChannel
    {
        public string ChannelId { get; set; } = string.Empty;
        public WKChannelType ChannelType { get; set; }
        public bool Ban { get; set; }
        public bool Disband { get; set; }
        public long SubscriberCount { get; set; }
        public long DenylistCount { get; set; }
        public long AllowlistCount { get; set; }
        public ulong LastMsgSeq { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }

    public sealed class WKWhitelistEntry
    {
        public ulong Id { get; set; }
        public string Uid { get; set; } = string.Empty;
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }

    internal sealed class TempUsersChannelInfoBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public int ChannelType { get; set; }
        [JsonPropertyName("large")] public int Large { get; set; }
        [JsonPropertyName("ban")] public int Ban { get; set; }
        [JsonPropertyName("disband")] public int Disband { get; set; }
        [JsonPropertyName("send_ban")] public int SendBan { get; set; }
        [JsonPropertyName("allow_stranger")] public int AllowStranger { get; set; }
    }

    internal sealed class TempUsersListBody
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public int ChannelType { get; set; }
        [JsonPropertyName("uids")] public string[]? Uids { get; set; }
    }

    internal sealed class TempUsersChannelRow
    {
        [JsonPropertyName("channel_id")] public string ChannelId { get; set; } = string.Empty;
        [JsonPropertyName("channel_type")] public int ChannelType { get; set; }
        [JsonPropertyName("ban")] public int Ban { get; set; }
        [JsonPropertyName("disband")] public int Disband { get; set; }
        [JsonPropertyName("created_at")] public long CreatedAt { get; set; }
    }

    internal sealed class TempUsersChannelPage
    {
        [JsonPropertyName("more")] public int More { get; set; }
        [JsonPropertyName("data")] public TempUsersChannelRow[]? Data { get; set; }
    }

    internal sealed class TempUsersWhitelistRow
    {
        [JsonPropertyName("id")] public ulong Id { get; set; }
        [JsonPropertyName("uid")] public string Uid { get; set; } = string.Empty;
        [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
    }

    [JsonSerializable(typeof(TempUsersChannelInfoBody))]
    [JsonSerializable(typeof(TempUsersListBody))]
    [JsonSerializable(typeof(TempUsersChannelPage))]
    [JsonSerializable(typeof(TempUsersWhitelistRow[]))]
    [JsonSerializable(typeof(string[]))]
    internal sealed partial class TempUsersJsonContext : JsonSerializerContext
    {
    }

    public sealed partial class ChannelsApi
    {
        public Task SetChannelInfoAsync(WKChannelInfo info, CancellationToken ct) =>
            _client.PostAsync("/channel/info", new TempUsersChannelInfoBody
            {
                ChannelId = info.ChannelId,
                ChannelType = (int)info.ChannelType,
                Large = info.Large ? 1 : 0,
                Ban = info.Ban ? 1 : 0,
                Disband = info.Disband ? 1 : 0,
                SendBan = info.SendBan ? 1 : 0,
                AllowStranger = info.AllowStranger ? 1 : 0,
            }, TempUsersJsonContext.Default.TempUsersChannelInfoBody, true, ct);

        public async Task<WKChannel?> GetChannelAsync(string channelId, WKChannelType channelType, CancellationToken ct)
        {
            var request = new WKRequest("GET", "/cluster/channels").AddQuery("channel_id", channelId).AddQuery("limit", 100);
            TempUsersChannelPage page = await _client.GetAsync(request, TempUsersJsonContext.Default.TempUsersChannelPage, ct).ConfigureAwait(false);
            TempUsersChannelRow? row = (page.Data ?? Array.Empty<TempUsersChannelRow>()).FirstOrDefault(r => r.ChannelId == channelId && r.ChannelType == (int)channelType);
            return row == null ? null : ToChannel(row);
        }

        public async IAsyncEnumerable<WKChannel> ListChannelsAsync(WKChannelType? channelType, int pageSize, [EnumeratorCancellation] CancellationToken ct)
        {
            long cursor = 0;
            while (true)
            {
                var request = new WKRequest("GET", "/cluster/channels").AddQuery("limit", pageSize);
                if (channelType.HasValue) request.AddQuery("channel_type", (int)channelType.Value);
                if (cursor > 0) request.AddQuery("offset_created_at", cursor);
                TempUsersChannelPage page = await _client.GetAsync(request, TempUsersJsonContext.Default.TempUsersChannelPage, ct).ConfigureAwait(false);
                TempUsersChannelRow[] rows = page.Data ?? Array.Empty<TempUsersChannelRow>();
                foreach (TempUsersChannelRow row in rows) yield return ToChannel(row);
                if (page.More != 1 || rows.Length == 0) yield break;
                cursor = rows[rows.Length - 1].CreatedAt;
            }
        }

        public Task AddBlacklistAsync(string channelId, WKChannelType type, IReadOnlyCollection<string> uids, CancellationToken ct) => List("/channel/blacklist_add", channelId, type, uids, ct);
        public Task RemoveBlacklistAsync(string channelId, WKChannelType type, IReadOnlyCollection<string> uids, CancellationToken ct) => List("/channel/blacklist_remove", channelId, type, uids, ct);
        public Task SetBlacklistAsync(string channelId, WKChannelType type, IReadOnlyCollection<string> uids, CancellationToken ct) => List("/channel/blacklist_set", channelId, type, uids, ct);
        public Task RemoveAllBlacklistAsync(string channelId, WKChannelType type, CancellationToken ct) => List("/channel/blacklist_remove_all", channelId, type, null, ct);
        public Task<IReadOnlyList<string>> GetBlacklistAsync(string channelId, WKChannelType type, CancellationToken ct) => Uids("denylist", channelId, type, ct);

        public Task AddWhitelistAsync(string channelId, WKChannelType type, IReadOnlyCollection<string> uids, CancellationToken ct) => List("/channel/whitelist_add", channelId, type, uids, ct);
        public Task RemoveWhitelistAsync(string channelId, WKChannelType type, IReadOnlyCollection<string> uids, CancellationToken ct) => List("/channel/whitelist_remove", channelId, type, uids, ct);
        public Task SetWhitelistAsync(string channelId, WKChannelType type, IReadOnlyCollection<string> uids, CancellationToken ct) => List("/channel/whitelist_set", channelId, type, uids, ct);
        public Task RemoveAllWhitelistAsync(string channelId, WKChannelType type, CancellationToken ct) => List("/channel/whitelist_remove_all", channelId, type, null, ct);
        public Task<IReadOnlyList<string>> GetWhitelistAsync(string channelId, WKChannelType type, CancellationToken ct) => Uids("allowlist", channelId, type, ct);

        public async Task<IReadOnlyList<WKWhitelistEntry>> GetWhitelistEntriesAsync(string channelId, WKChannelType type, CancellationToken ct)
        {
            var request = new WKRequest("GET", "/channel/whitelist").AddQuery("channel_id", channelId).AddQuery("channel_type", (int)type);
            TempUsersWhitelistRow[] rows = await _client.GetAsync(request, TempUsersJsonContext.Default.TempUsersWhitelistRowArray, ct).ConfigureAwait(false);
            return rows.Select(r => new WKWhitelistEntry { Id = r.Id, Uid = r.Uid, CreatedAt = r.CreatedAt, UpdatedAt = r.UpdatedAt }).ToList();
        }

        private Task List(string path, string channelId, WKChannelType type, IReadOnlyCollection<string>? uids, CancellationToken ct) =>
            _client.PostAsync(path, new TempUsersListBody { ChannelId = channelId, ChannelType = (int)type, Uids = uids?.ToArray() }, TempUsersJsonContext.Default.TempUsersListBody, true, ct);

        private async Task<IReadOnlyList<string>> Uids(string list, string channelId, WKChannelType type, CancellationToken ct)
        {
            var request = new WKRequest("GET", "/cluster/channels/" + Uri.EscapeDataString(channelId) + "/" + (int)type + "/" + list);
            return await _client.GetAsync(request, TempUsersJsonContext.Default.StringArray, ct).ConfigureAwait(false);
        }

        private static WKChannel ToChannel(TempUsersChannelRow row) => new WKChannel
        {
            ChannelId = row.ChannelId,
            ChannelType = (WKChannelType)row.ChannelType,
            Ban = row.Ban == 1,
            Disband = row.Disband == 1,
            CreatedAt = WKTime.FromUnixNano(row.CreatedAt),
        };
    }
}
