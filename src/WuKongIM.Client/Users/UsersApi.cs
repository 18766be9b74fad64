using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// Users, device tokens, online status and system uids (wukongim-api.md §3.3), and the user and device listings of the
    /// undocumented /cluster read API (§11.3). Every method checks its input before sending anything.
    /// </summary>
    public sealed partial class UsersApi
    {
        private readonly WKClient _client;

        internal UsersApi(WKClient client) => _client = client;

        /// <summary>
        /// <c>POST /user/token</c>: creates or overwrites the token of one device of a user (the user record is created on
        /// first use). A master level kicks the user's current connections with that device flag. A banned user's person
        /// channel makes the server answer <c>{"status":19}</c>, thrown as <see cref="WKErrorKind.Rejected"/>.
        /// </summary>
        public Task SetTokenAsync(string uid, string token, WKDeviceFlag deviceFlag = WKDeviceFlag.App, WKDeviceLevel deviceLevel = WKDeviceLevel.Slave, CancellationToken cancellationToken = default)
        {
            var body = new UpdateTokenBody
            {
                Uid = WKInputRules.TokenUid(uid),
                // Blanks would become the device's token: refused like an empty one.
                Token = string.IsNullOrWhiteSpace(token) ? throw new WKInvalidInputException("WKTokenEmpty", "The token is empty or blank.", "Token") : token,
                DeviceFlag = (int)WKInputRules.DeviceFlag(deviceFlag),
                DeviceLevel = (int)WKInputRules.DeviceLevel(deviceLevel),
            };
            // Setting the same token twice leaves the same state, so a retry after a lost answer is safe.
            return _client.PostAsync("/user/token", body, UsersJsonContext.Default.UpdateTokenBody, idempotent: true, cancellationToken);
        }

        /// <summary>
        /// Registers a device token for a user and returns it: the given token, or a new cryptographically random one when
        /// <paramref name="token"/> is null or empty. The returned object is the only place the token appears.
        /// </summary>
        public async Task<WKUserToken> RegisterAsync(string uid, WKDeviceFlag deviceFlag = WKDeviceFlag.App, WKDeviceLevel deviceLevel = WKDeviceLevel.Slave, string? token = null, CancellationToken cancellationToken = default)
        {
            bool generated = string.IsNullOrEmpty(token);
            string value = generated ? WKTokenGenerator.NewToken() : token!;
            await SetTokenAsync(uid, value, deviceFlag, deviceLevel, cancellationToken).ConfigureAwait(false);
            return new WKUserToken { Uid = uid, DeviceFlag = deviceFlag, DeviceLevel = deviceLevel, Token = value, Generated = generated };
        }

        /// <summary>
        /// <c>POST /user/device_quit</c>: blanks the token of the device (All = App, Web and PC) and kicks its connections.
        /// The server answers OK even for unknown users and devices; a device without a record is not kicked.
        /// </summary>
        public Task QuitDeviceAsync(string uid, WKDeviceFlag deviceFlag = WKDeviceFlag.All, CancellationToken cancellationToken = default)
        {
            var body = new DeviceQuitBody { Uid = WKInputRules.Uid(uid), DeviceFlag = (int)WKInputRules.QuitDeviceFlag(deviceFlag) };
            return _client.PostAsync("/user/device_quit", body, UsersJsonContext.Default.DeviceQuitBody, idempotent: true, cancellationToken);
        }

        /// <summary>
        /// <c>POST /user/onlinestatus</c> for one batch of uids. The server lists live connections only; this returns one row
        /// per distinct uid asked, in the order asked, offline users included.
        /// </summary>
        public async Task<IReadOnlyList<WKOnlineStatus>> GetOnlineStatusAsync(IReadOnlyCollection<string> uids, CancellationToken cancellationToken = default)
        {
            string[] distinct = WKInputRules.DistinctUids(uids);
            var request = new WKRequest("POST", "/user/onlinestatus")
            {
                Body = JsonStringArray(distinct),
            };
            byte[] body = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // A cluster whose nodes own none of the uids answers null.
            OnlineStatusRow[] rows = IsJsonNull(body) ? Array.Empty<OnlineStatusRow>() : WKClient.Deserialize(request, body, UsersJsonContext.Default.OnlineStatusRowArray);
            return OnlineStatusShaper.Shape(distinct, rows);
        }

        /// <summary><c>GET /user/systemuids</c>: the stored system uids (the server's <c>null</c> for none becomes an empty list).</summary>
        public async Task<IReadOnlyList<string>> GetSystemUidsAsync(CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/user/systemuids");
            byte[] body = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return IsJsonNull(body) ? Array.Empty<string>() : WKClient.Deserialize(request, body, UsersJsonContext.Default.StringArray);
        }

        /// <summary><c>POST /user/systemuids_add</c>: sends from system uids bypass subscriber and list checks.</summary>
        public Task AddSystemUidsAsync(IReadOnlyCollection<string> uids, CancellationToken cancellationToken = default) =>
            PostUids("/user/systemuids_add", uids, cancellationToken);

        /// <summary><c>POST /user/systemuids_remove</c>.</summary>
        public Task RemoveSystemUidsAsync(IReadOnlyCollection<string> uids, CancellationToken cancellationToken = default) =>
            PostUids("/user/systemuids_remove", uids, cancellationToken);

        /// <summary><c>POST /user/systemuids_add_to_cache</c> (node-internal: touches only the answering node's cache).</summary>
        public Task AddSystemUidsToCacheAsync(IReadOnlyCollection<string> uids, CancellationToken cancellationToken = default) =>
            PostUids("/user/systemuids_add_to_cache", uids, cancellationToken);

        /// <summary><c>POST /user/systemuids_remove_from_cache</c> (node-internal).</summary>
        public Task RemoveSystemUidsFromCacheAsync(IReadOnlyCollection<string> uids, CancellationToken cancellationToken = default) =>
            PostUids("/user/systemuids_remove_from_cache", uids, cancellationToken);

        /// <summary><c>POST /user/update_plugin_no</c>: binds a user to a plugin number (AI and bot plugins).</summary>
        public Task UpdatePluginNoAsync(string uid, string pluginNo, CancellationToken cancellationToken = default)
        {
            // An empty plugin number unbinds the user; one made only of blanks is a mistake, never sent.
            if (!string.IsNullOrEmpty(pluginNo) && pluginNo.Trim().Length == 0)
            {
                throw new WKInvalidInputException("WKPluginNoBlank", "The plugin number is blank; pass an empty string to unbind the user.", "PluginNo", pluginNo);
            }
            var body = new PluginNoBody { Uid = WKInputRules.Uid(uid), PluginNo = pluginNo ?? string.Empty };
            return _client.PostAsync("/user/update_plugin_no", body, UsersJsonContext.Default.PluginNoBody, idempotent: true, cancellationToken);
        }

        /// <summary>
        /// One page of <c>GET /cluster/users</c>, newest first. Pass the <see cref="WKUser.CreatedAtUnixNano"/> of the last
        /// row as <paramref name="offsetCreatedAt"/> for the next page.
        /// </summary>
        public async Task<WKClusterPage<WKUser>> GetUsersPageAsync(long? offsetCreatedAt = null, int limit = 100, CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/cluster/users").AddQuery("limit", CheckLimit(limit));
            if (offsetCreatedAt.HasValue && offsetCreatedAt.Value > 0)
            {
                request.AddQuery("offset_created_at", offsetCreatedAt.Value);
            }
            ClusterPageBody<ClusterUserRow> page = await _client.GetAsync(request, UsersJsonContext.Default.ClusterPageBodyClusterUserRow, cancellationToken).ConfigureAwait(false);
            var users = (page.Data ?? Array.Empty<ClusterUserRow>()).Select(ToUser).ToList();
            return new WKClusterPage<WKUser>(users, page.More == 1);
        }

        /// <summary>Every user, newest first, page by page (<c>GET /cluster/users</c>; only uids registered through <c>/user/token</c>).</summary>
        public async IAsyncEnumerable<WKUser> ListUsersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            long? cursor = null;
            while (true)
            {
                WKClusterPage<WKUser> page = await GetUsersPageAsync(cursor, pageSize, cancellationToken).ConfigureAwait(false);
                foreach (WKUser user in page.Items)
                {
                    yield return user;
                }
                if (!page.More || page.Items.Count == 0)
                {
                    yield break;
                }
                cursor = page.Items[page.Items.Count - 1].CreatedAtUnixNano;
            }
        }

        /// <summary>
        /// One user by uid, or null when there is none. v2.2.5 answers an unknown uid with HTTP 500 and an empty body
        /// (§11.3), so that answer, on this call only, means "no such user".
        /// </summary>
        public async Task<WKUser?> GetUserAsync(string uid, CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/cluster/users").AddQuery("uid", WKInputRules.Uid(uid));
            ClusterPageBody<ClusterUserRow> page;
            try
            {
                page = await _client.GetAsync(request, UsersJsonContext.Default.ClusterPageBodyClusterUserRow, cancellationToken).ConfigureAwait(false);
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.ServerError && ex.HttpStatus == 500)
            {
                return null;
            }
            ClusterUserRow? row = (page.Data ?? Array.Empty<ClusterUserRow>()).FirstOrDefault(r => r.Uid == uid);
            return row == null ? null : ToUser(row);
        }

        /// <summary>
        /// A user's devices (<c>GET /cluster/devices?uid=</c>), one per device flag, newest first. Tokens are masked unless
        /// <paramref name="includeToken"/> is true. Never filters by flag on the server: that crashes it for ten minutes after
        /// a refresh (§11.3).
        /// </summary>
        public async Task<IReadOnlyList<WKDevice>> GetDevicesAsync(string uid, bool includeToken = false, CancellationToken cancellationToken = default)
        {
            var request = new WKRequest("GET", "/cluster/devices").AddQuery("uid", WKInputRules.Uid(uid)).AddQuery("limit", 100);
            ClusterPageBody<ClusterDeviceRow> page = await _client.GetAsync(request, UsersJsonContext.Default.ClusterPageBodyClusterDeviceRow, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<ulong>();
            var devices = new List<WKDevice>();
            foreach (ClusterDeviceRow row in page.Data ?? Array.Empty<ClusterDeviceRow>())
            {
                // The server's local path repeats rows once per shard; one row per device flag is the truth.
                if (row.Uid == uid && seen.Add(row.DeviceFlag))
                {
                    devices.Add(ToDevice(row, includeToken));
                }
            }
            return devices;
        }

        private Task PostUids(string path, IReadOnlyCollection<string> uids, CancellationToken cancellationToken)
        {
            var body = new UidsBody { Uids = WKInputRules.Uids(uids).ToArray() };
            return _client.PostAsync(path, body, UsersJsonContext.Default.UidsBody, idempotent: true, cancellationToken);
        }

        internal static int CheckLimit(int limit)
        {
            // The server pre-allocates limit x 8 rows and has no upper bound (§11.1): keep it in the hundreds.
            if (limit < 1 || limit > 1000)
            {
                throw new WKInvalidInputException("WKInvalidPageSize", string.Format(CultureInfo.InvariantCulture, "The page size {0} is outside 1..1000.", limit), "PageSize", limit);
            }
            return limit;
        }

        /// <summary>
        /// A JSON array of strings. Uids are nearly always printable ASCII without quotes or backslashes: those are copied
        /// byte for byte (a batch of thousands is most of a request's CPU otherwise); any other list goes through the serializer.
        /// </summary>
        internal static byte[] JsonStringArray(string[] values)
        {
            int length = 2 + Math.Max(values.Length - 1, 0);
            foreach (string value in values)
            {
                foreach (char c in value)
                {
                    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
                    {
                        return JsonSerializer.SerializeToUtf8Bytes(values, UsersJsonContext.Default.StringArray);
                    }
                }
                length += value.Length + 2;
            }
            var bytes = new byte[length];
            int at = 0;
            bytes[at++] = (byte)'[';
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    bytes[at++] = (byte)',';
                }
                bytes[at++] = (byte)'"';
                string value = values[i];
                for (int k = 0; k < value.Length; k++)
                {
                    bytes[at++] = (byte)value[k];
                }
                bytes[at++] = (byte)'"';
            }
            bytes[at] = (byte)']';
            return bytes;
        }

        internal static bool IsJsonNull(byte[] body)
        {
            // On the bytes: an answer of thousands of rows is not decoded to a string just to be compared with "null".
            int start = 0, end = body.Length;
            while (start < end && IsJsonSpace(body[start]))
            {
                start++;
            }
            while (end > start && IsJsonSpace(body[end - 1]))
            {
                end--;
            }
            return end == start || (end - start == 4 && body[start] == (byte)'n' && body[start + 1] == (byte)'u' && body[start + 2] == (byte)'l' && body[start + 3] == (byte)'l');
        }

        private static bool IsJsonSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        private static WKUser ToUser(ClusterUserRow row) => new WKUser
        {
            Id = row.Id,
            Uid = row.Uid,
            Slot = row.Slot,
            CreatedAt = WKUnixTime.FromUnixNano(row.CreatedAt),
            UpdatedAt = WKUnixTime.FromUnixNano(row.UpdatedAt),
            CreatedAtUnixNano = row.CreatedAt,
        };

        private static WKDevice ToDevice(ClusterDeviceRow row, bool includeToken) => new WKDevice
        {
            Id = row.Id,
            Uid = row.Uid,
            DeviceFlag = (WKDeviceFlag)(int)row.DeviceFlag,
            DeviceLevel = (WKDeviceLevel)row.DeviceLevel,
            Token = includeToken ? row.Token : WKTokenGenerator.Mask(row.Token),
            HasToken = row.Token.Length > 0,
            TokenMasked = !includeToken && row.Token.Length > 0,
            CreatedAt = WKUnixTime.FromUnixNano(row.CreatedAt),
            UpdatedAt = WKUnixTime.FromUnixNano(row.UpdatedAt),
            CreatedAtUnixNano = row.CreatedAt,
        };
    }

    /// <summary>Turns the server's one-row-per-connection answer into one row per uid asked.</summary>
    internal static class OnlineStatusShaper
    {
        internal static IReadOnlyList<WKOnlineStatus> Shape(IReadOnlyList<string> askedDistinct, IReadOnlyCollection<OnlineStatusRow> rows)
        {
            if (rows.Count == 0)
            {
                // Nobody online (the usual answer for most of a large batch): no lookup table to build.
                var offline = new WKOnlineStatus[askedDistinct.Count];
                for (int i = 0; i < offline.Length; i++)
                {
                    offline[i] = new WKOnlineStatus { Uid = askedDistinct[i] };
                }
                return offline;
            }
            var byUid = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (OnlineStatusRow row in rows)
            {
                if (row.Online != 1)
                {
                    continue;
                }
                if (!byUid.TryGetValue(row.Uid, out List<int>? flags))
                {
                    byUid[row.Uid] = flags = new List<int>();
                }
                flags.Add(row.DeviceFlag);
            }
            var result = new List<WKOnlineStatus>(askedDistinct.Count);
            foreach (string uid in askedDistinct)
            {
                byUid.TryGetValue(uid, out List<int>? flags);
                result.Add(new WKOnlineStatus
                {
                    Uid = uid,
                    Online = flags != null && flags.Count > 0,
                    ConnectionCount = flags?.Count ?? 0,
                    DeviceFlags = flags == null ? Array.Empty<WKDeviceFlag>() : flags.Distinct().OrderBy(f => f).Select(f => (WKDeviceFlag)f).ToArray(),
                });
            }
            return result;
        }
    }
}
