using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// The cluster read API (§11.7): nodes, the cluster configuration, slots, channel raft groups and the raft logs; the
    /// topology actions (§11.8) behind a manager login; cross-channel message search (§11.6, <see cref="SearchMessagesAsync"/>).
    /// Routes with a documented crash are never called in the crashing way.
    /// </summary>
    public sealed partial class ClusterApi
    {
        private readonly WKClient _client;

        internal ClusterApi(WKClient client) => _client = client;

        // ---- nodes and configuration ----

        /// <summary><c>GET /cluster/nodes</c>: every node, asked live (offline nodes from the configuration, without uptime).</summary>
        public async Task<IReadOnlyList<WKNode>> GetNodesAsync(CancellationToken cancellationToken = default) =>
            (await _client.GetAsync(new WKRequest("GET", "/cluster/nodes"), ClusterJsonContext.Default.WKNodeList, cancellationToken).ConfigureAwait(false)).Data;

        /// <summary><c>GET /cluster/simpleNodes</c>: every node from this node's copy of the configuration; no fan-out, no uptime or versions.</summary>
        public async Task<IReadOnlyList<WKNode>> GetSimpleNodesAsync(CancellationToken cancellationToken = default) =>
            (await _client.GetAsync(new WKRequest("GET", "/cluster/simpleNodes"), ClusterJsonContext.Default.WKNodeList, cancellationToken).ConfigureAwait(false)).Data;

        /// <summary><c>GET /cluster/node</c>: the node answering.</summary>
        public Task<WKNode> GetLocalNodeAsync(CancellationToken cancellationToken = default) =>
            _client.GetAsync(new WKRequest("GET", "/cluster/node"), ClusterJsonContext.Default.WKNode, cancellationToken);

        /// <summary><c>GET /cluster/info</c>: the raw cluster configuration, from the config leader.</summary>
        public Task<WKClusterInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
            _client.GetAsync(new WKRequest("GET", "/cluster/info"), ClusterJsonContext.Default.WKClusterInfo, cancellationToken);

        // ---- slots ----

        /// <summary><c>GET /cluster/allslot</c>: every slot, sorted by id, from the config leader.</summary>
        public async Task<IReadOnlyList<WKSlot>> GetAllSlotsAsync(CancellationToken cancellationToken = default) =>
            (await _client.GetAsync(new WKRequest("GET", "/cluster/allslot"), ClusterJsonContext.Default.WKSlotList, cancellationToken).ConfigureAwait(false)).Data;

        /// <summary><c>GET /cluster/slots?ids=</c>: the given slots as the node answering sees them. An unknown id fails the whole call (<c>slot not found</c>).</summary>
        public async Task<IReadOnlyList<WKSlot>> GetSlotsAsync(IEnumerable<uint> slotIds, CancellationToken cancellationToken = default)
        {
            uint[] ids = slotIds.Distinct().ToArray();
            if (ids.Length == 0)
            {
                return Array.Empty<WKSlot>();
            }
            var request = new WKRequest("GET", "/cluster/slots").AddQuery("ids", string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))));
            return await _client.GetAsync(request, ClusterJsonContext.Default.WKSlotArray, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// <c>GET /cluster/slots/:id/config</c>. The server crashes (HTTP 500) for an unknown slot id, so the id is first
        /// checked against the slot list; an unknown one is <see cref="WKErrorKind.NotFound"/>. A caller that took the id
        /// from the slot list itself passes <paramref name="checkExists"/> false to save that request.
        /// </summary>
        public async Task<WKSlotConfig> GetSlotConfigAsync(uint slotId, bool checkExists = true, CancellationToken cancellationToken = default)
        {
            if (checkExists)
            {
                await RequireSlotAsync(slotId, cancellationToken).ConfigureAwait(false);
            }
            return await _client.GetAsync(new WKRequest("GET", SlotPath(slotId, "config")), ClusterJsonContext.Default.WKSlotConfig, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>GET /cluster/slots/:id/replicas</c>: the slot's online replicas with roles, from the slot leader.</summary>
        public async Task<IReadOnlyList<WKSlotReplica>> GetSlotReplicasAsync(uint slotId, CancellationToken cancellationToken = default)
        {
            WKSlotReplica[] replicas = await _client.GetAsync(new WKRequest("GET", SlotPath(slotId, "replicas")), ClusterJsonContext.Default.WKSlotReplicaArray, cancellationToken).ConfigureAwait(false);
            foreach (WKSlotReplica replica in replicas)
            {
                replica.SlotId = slotId;
            }
            return replicas.OrderBy(r => r.ReplicaId).ToArray();
        }

        /// <summary><c>GET /cluster/slots/:id/localReplica</c>: the replica of the node answering.</summary>
        public async Task<WKSlotReplica> GetSlotLocalReplicaAsync(uint slotId, CancellationToken cancellationToken = default)
        {
            WKSlotReplica replica = await _client.GetAsync(new WKRequest("GET", SlotPath(slotId, "localReplica")), ClusterJsonContext.Default.WKSlotReplica, cancellationToken).ConfigureAwait(false);
            replica.SlotId = slotId;
            return replica;
        }

        private async Task RequireSlotAsync(uint slotId, CancellationToken cancellationToken)
        {
            IReadOnlyList<WKSlot> slots = await GetAllSlotsAsync(cancellationToken).ConfigureAwait(false);
            if (!slots.Any(s => s.SlotId == slotId))
            {
                throw new WKApiException(WKErrorKind.NotFound, "GET", SlotPath(slotId, "config"), null, null, "slot not found",
                    "the cluster has " + slots.Count.ToString(CultureInfo.InvariantCulture) + " slots; not asked, because the server crashes on an unknown slot");
            }
        }

        private static string SlotPath(uint slotId, string tail) => "/cluster/slots/" + slotId.ToString(CultureInfo.InvariantCulture) + "/" + tail;

        // ---- channel raft groups ----

        /// <summary>
        /// <c>GET /cluster/channels/:id/:type/config</c>. The route must run on the channel's slot leader, so the client
        /// finds that node (from the slot list) and names it in <c>node_id</c>; <c>not found</c> until the channel has
        /// been activated for messaging.
        /// </summary>
        public async Task<WKChannelClusterConfig> GetChannelConfigAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken = default)
        {
            string path = ChannelPath(channelId, channelType, "config");
            ulong leader = await SlotLeaderOfAsync(channelId, cancellationToken).ConfigureAwait(false);
            var request = new WKRequest("GET", path);
            if (leader != 0)
            {
                request.AddQuery("node_id", leader.ToString(CultureInfo.InvariantCulture));
            }
            return await _client.GetAsync(request, ClusterJsonContext.Default.WKChannelClusterConfig, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>GET /cluster/channels/:id/:type/replicas</c>: the channel's online replicas with roles (forwarded to the slot leader).</summary>
        public async Task<IReadOnlyList<WKChannelReplica>> GetChannelReplicasAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken = default)
        {
            WKChannelReplica[] replicas = await _client.GetAsync(new WKRequest("GET", ChannelPath(channelId, channelType, "replicas")), ClusterJsonContext.Default.WKChannelReplicaArray, cancellationToken).ConfigureAwait(false);
            foreach (WKChannelReplica replica in replicas)
            {
                replica.ChannelId = channelId;
                replica.ChannelType = channelType;
            }
            return replicas.OrderBy(r => r.ReplicaId).ToArray();
        }

        /// <summary><c>GET /cluster/channels/:id/:type/localReplica</c>: the node answering's replica (zeros for a channel it does not hold).</summary>
        public async Task<WKChannelReplica> GetChannelLocalReplicaAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken = default)
        {
            WKChannelReplica replica = await _client.GetAsync(new WKRequest("GET", ChannelPath(channelId, channelType, "localReplica")), ClusterJsonContext.Default.WKChannelReplica, cancellationToken).ConfigureAwait(false);
            replica.ChannelId = channelId;
            replica.ChannelType = channelType;
            return replica;
        }

        /// <summary>
        /// <c>POST /cluster/channel/status</c> (read-only despite the POST): whether each channel's raft group is loaded on
        /// the node answering, with its last seq.
        /// </summary>
        public async Task<IReadOnlyList<WKChannelRunStatus>> GetChannelStatusAsync(IEnumerable<KeyValuePair<string, WKChannelType>> channels, CancellationToken cancellationToken = default)
        {
            var keys = new List<ChannelStatusKey>();
            foreach (KeyValuePair<string, WKChannelType> channel in channels)
            {
                WKChannelValidation.RequireChannel(channel.Key, channel.Value, specialCharacters: false);
                keys.Add(new ChannelStatusKey { ChannelId = channel.Key, ChannelType = (byte)channel.Value });
            }
            if (keys.Count == 0)
            {
                return Array.Empty<WKChannelRunStatus>();
            }
            return await _client.PostAsync("/cluster/channel/status", new ChannelStatusBody { Channels = keys.ToArray() }, ClusterJsonContext.Default.ChannelStatusBody,
                ClusterJsonContext.Default.WKChannelRunStatusArray, idempotent: true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// <c>GET /cluster/nodes/:id/channels</c>, page by page (keyset on creation time, newest first): the channel raft
        /// groups whose slots node <paramref name="nodeId"/> leads. With <paramref name="channelId"/> the type is required.
        /// </summary>
        public async IAsyncEnumerable<WKNodeChannel> ListNodeChannelsAsync(ulong nodeId, string? channelId = null, WKChannelType? channelType = null, int pageSize = 100,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            CheckPageSize(pageSize);
            if (!string.IsNullOrEmpty(channelId) && channelType == null)
            {
                throw new WKInvalidInputException("WKChannelTypeRequired", "A channel id needs its channel type here: the server's key includes it.", "ChannelType", channelId);
            }
            string path = "/cluster/nodes/" + nodeId.ToString(CultureInfo.InvariantCulture) + "/channels";
            long? cursor = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var request = new WKRequest("GET", path).AddQuery("limit", pageSize).AddQuery("channel_id", string.IsNullOrEmpty(channelId) ? null : channelId)
                    .AddQuery("channel_type", channelType.HasValue ? (long?)(byte)channelType.Value : null).AddQuery("offset_created_at", cursor);
                byte[] body = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                WKNodeChannelPage page = WKClient.Deserialize(request, body, ClusterJsonContext.Default.WKNodeChannelPage);
                NodeChannelCursorPage cursors = WKClient.Deserialize(request, body, ClusterJsonContext.Default.NodeChannelCursorPage);
                foreach (WKNodeChannel row in page.Data)
                {
                    row.NodeId = nodeId;
                    if (seen.Add(row.ChannelId + "\n" + ((int)row.ChannelType).ToString(CultureInfo.InvariantCulture)))
                    {
                        yield return row;
                    }
                }
                if (page.More != 1 || cursors.Data.Length == 0 || !string.IsNullOrEmpty(channelId))
                {
                    yield break;
                }
                cursor = cursors.Data[cursors.Data.Length - 1].CreatedAt;
            }
        }

        private async Task<ulong> SlotLeaderOfAsync(string channelId, CancellationToken cancellationToken)
        {
            IReadOnlyList<WKSlot> slots = await GetAllSlotsAsync(cancellationToken).ConfigureAwait(false);
            if (slots.Count == 0)
            {
                return 0;
            }
            uint slotId = WKChannelIds.Crc32(channelId) % (uint)slots.Count;
            WKSlot? slot = slots.FirstOrDefault(s => s.SlotId == slotId);
            return slot?.LeaderId ?? 0;
        }

        /// <summary>The slot a channel or uid belongs to: CRC-32 of the id modulo the slot count (§11.1).</summary>
        public static uint SlotOf(string id, int slotCount) => slotCount <= 0 ? 0 : WKChannelIds.Crc32(id) % (uint)slotCount;

        internal static string ChannelPath(string channelId, WKChannelType channelType, string tail)
        {
            WKChannelValidation.RequireChannel(channelId, channelType, specialCharacters: false);
            if (channelId.IndexOf('/') >= 0)
            {
                throw new WKValidationException("Channel " + channelId + " contains '/', which the /cluster API cannot address in a path.", nameof(channelId));
            }
            return "/cluster/channels/" + Uri.EscapeDataString(channelId) + "/" + ((int)channelType).ToString(CultureInfo.InvariantCulture) + "/" + tail;
        }

        // ---- raft logs ----

        /// <summary>
        /// One page of <c>GET /cluster/logs</c>, newest first. A node is always named: the server crashes without one, or
        /// with an unknown one, so a null <paramref name="nodeId"/> becomes the node answering (<c>/cluster/node</c>) and a
        /// given one is first checked against the node list.
        /// </summary>
        public async Task<WKClusterLogPage> GetLogsAsync(ulong? nodeId = null, WKClusterLogType logType = WKClusterLogType.Config, uint? slotId = null, int limit = 100,
            ulong? next = null, CancellationToken cancellationToken = default)
        {
            ulong node = await ResolveLogNodeAsync(nodeId, logType, slotId, limit, cancellationToken).ConfigureAwait(false);
            return await FetchLogsAsync(node, logType, slotId, limit, next, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Every log entry from the newest back to index 1, page by page (the <c>next</c> cursor).</summary>
        public async IAsyncEnumerable<WKClusterLog> ListLogsAsync(ulong? nodeId = null, WKClusterLogType logType = WKClusterLogType.Config, uint? slotId = null, int pageSize = 100,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ulong node = await ResolveLogNodeAsync(nodeId, logType, slotId, pageSize, cancellationToken).ConfigureAwait(false);
            ulong? next = null;
            ulong lowest = ulong.MaxValue;
            while (true)
            {
                WKClusterLogPage page = await FetchLogsAsync(node, logType, slotId, pageSize, next, cancellationToken).ConfigureAwait(false);
                bool progressed = false;
                foreach (WKClusterLog log in page.Logs)
                {
                    // Exclusive cursors should never repeat an entry; the index check makes sure of it.
                    if (log.Index < lowest)
                    {
                        lowest = log.Index;
                        progressed = true;
                        yield return log;
                    }
                }
                // `more` is 1 on almost every page (§11.7), so the end is index 1, an empty page, or no progress.
                if (!progressed || lowest <= 1 || page.More == 0)
                {
                    yield break;
                }
                next = page.Next > 0 && page.Next <= lowest ? page.Next : lowest;
            }
        }

        private async Task<ulong> ResolveLogNodeAsync(ulong? nodeId, WKClusterLogType logType, uint? slotId, int limit, CancellationToken cancellationToken)
        {
            CheckPageSize(limit);
            if (logType == WKClusterLogType.Slot && slotId == null)
            {
                throw new WKInvalidInputException("WKSlotRequired", "Slot logs need a slot id.", "SlotId", null);
            }
            if (nodeId == null)
            {
                return (await GetLocalNodeAsync(cancellationToken).ConfigureAwait(false)).NodeId;
            }
            IReadOnlyList<WKNode> nodes = await GetSimpleNodesAsync(cancellationToken).ConfigureAwait(false);
            if (!nodes.Any(n => n.NodeId == nodeId.Value))
            {
                throw new WKInvalidInputException("WKInvalidNodeId",
                    "Node " + nodeId.Value.ToString(CultureInfo.InvariantCulture) + " is not a node of this cluster (" + string.Join(", ", nodes.Select(n => n.NodeId)) +
                    "); not asked, because /cluster/logs crashes the server on an unknown node.", "NodeId", nodeId.Value);
            }
            return nodeId.Value;
        }

        private async Task<WKClusterLogPage> FetchLogsAsync(ulong node, WKClusterLogType logType, uint? slotId, int limit, ulong? next, CancellationToken cancellationToken)
        {
            var request = new WKRequest("GET", "/cluster/logs")
                .AddQuery("node_id", node.ToString(CultureInfo.InvariantCulture))
                .AddQuery("log_type", (long)logType)
                .AddQuery("slot", slotId)
                .AddQuery("limit", limit)
                .AddQuery("next", next.HasValue && next.Value > 0 ? next.Value.ToString(CultureInfo.InvariantCulture) : null);
            WKClusterLogPage page = await _client.GetAsync(request, ClusterJsonContext.Default.WKClusterLogPage, cancellationToken).ConfigureAwait(false);
            foreach (WKClusterLog log in page.Logs)
            {
                log.NodeId = node;
                log.LogType = logType;
                log.SlotId = logType == WKClusterLogType.Slot ? slotId : null;
            }
            return page;
        }

        /// <summary>
        /// <c>GET /cluster/devtools/checkLogConflict</c>: asks the node to compare the nodes' raft logs. WuKongIM v2.2.5 ships
        /// this check commented out and answers 200 with an empty body, so the result says whether any check ran at all.
        /// </summary>
        public async Task<WKClusterLogConflictCheck> CheckLogConflictAsync(WKClusterLogType logType = WKClusterLogType.Config, ulong startLogIndex = 0, CancellationToken cancellationToken = default)
        {
            // The two query names are the ones the server's commented-out handler reads; v2.2.5 ignores them.
            var request = new WKRequest("GET", "/cluster/devtools/checkLogConflict")
                .AddQuery("log_type", (long)logType)
                .AddQuery("start_log_index", startLogIndex > 0 ? startLogIndex.ToString(CultureInfo.InvariantCulture) : null);
            byte[] body = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string answer = System.Text.Encoding.UTF8.GetString(body).Trim();
            return new WKClusterLogConflictCheck
            {
                LogType = logType,
                StartLogIndex = startLogIndex,
                Checked = answer.Length > 0,
                Response = answer.Length > 0 ? answer : null,
            };
        }

        private static void CheckPageSize(int pageSize)
        {
            // No upper bound on the server, which pre-allocates limit x 8 rows: an absurd limit exhausts memory or crashes it.
            if (pageSize < 1 || pageSize > 1000)
            {
                throw new WKInvalidInputException("WKInvalidPageSize", string.Format(CultureInfo.InvariantCulture, "The page size {0} is outside 1..1000.", pageSize), "PageSize", pageSize);
            }
        }
    }
}
