using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Client connections: the <c>/connz</c> monitor (§3.10) and <c>/conn/kick</c>, <c>/conn/remove</c> (§3.4).</summary>
    public sealed partial class ConnectionsApi
    {
        /// <summary>The sort orders <c>/connz</c> knows; any other value leaves the list unsorted.</summary>
        public static readonly IReadOnlyList<string> SortOrders = new[]
        {
            "id", "idDesc", "inMsg", "inMsgDesc", "outMsg", "outMsgDesc", "inMsgBytes", "inMsgBytesDesc", "outMsgBytes", "outMsgBytesDesc",
            "uptime", "uptimeDesc", "outPacket", "outPacketDesc", "inPacket", "inPacketDesc", "inPacketBytes", "inPacketBytesDesc",
            "outPacketBytes", "outPacketBytesDesc", "idle", "idleDesc", "protoVersion", "protoVersionDesc",
        };

        private readonly WKClient _client;

        internal ConnectionsApi(WKClient client) => _client = client;

        /// <summary>
        /// One page of <c>GET /connz</c>. <paramref name="uid"/> is a substring filter on the server; <c>Total</c> in the
        /// answer counts all of the node's connections, not the filtered ones.
        /// </summary>
        public Task<WKConnectionPage> GetConnectionsAsync(int offset = 0, int limit = 100, string? uid = null, string? sort = null, ulong? nodeId = null, CancellationToken cancellationToken = default)
        {
            CheckPage(offset, limit, sort);
            return FetchPageAsync(offset, limit, uid, sort, nodeId, cancellationToken);
        }

        /// <summary>
        /// Every connection matching the filter, page by page. With <paramref name="exactUid"/> only connections whose uid
        /// equals <paramref name="uid"/> are returned (the server's filter is a substring match). Closing the listed
        /// connections while listing (a pipeline into Disconnect-WKConnection) does not make later ones be skipped in the
        /// default id order; each connection is returned once.
        /// </summary>
        public async IAsyncEnumerable<WKConnection> ListConnectionsAsync(string? uid = null, bool exactUid = false, string? sort = null, ulong? nodeId = null, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            CheckPage(0, pageSize, sort);
            bool exact = exactUid && !string.IsNullOrEmpty(uid);
            // In id order a closed connection moves every later row one place towards the start, and a new one joins at the
            // end (idDesc: at the start, ahead of the rows still to come). So each request after the first re-reads the
            // last row already seen: still there means nothing before it closed; otherwise step back a page and skip
            // what was seen. Other orders change as counters move, so they only get the de-duplication.
            bool byId = sort == null || sort == "id" || sort == "idDesc";
            var seen = new HashSet<long>();
            int offset = 0;
            while (true)
            {
                bool checkBoundary = byId && offset > 0;
                int limit = checkBoundary ? pageSize + 1 : pageSize;
                WKConnectionPage page = await FetchPageAsync(offset, limit, uid, sort, nodeId, cancellationToken).ConfigureAwait(false);
                WKConnection[] rows = page.Connections ?? Array.Empty<WKConnection>();
                if (checkBoundary && (rows.Length == 0 || !seen.Contains(rows[0].ConnId)))
                {
                    offset = Math.Max(0, offset - pageSize);
                    continue;
                }
                foreach (WKConnection connection in rows)
                {
                    if (seen.Add(connection.ConnId) && (!exact || connection.Uid == uid))
                    {
                        yield return connection;
                    }
                }
                // Total is not the filtered count, so a short page is the only reliable end.
                if (rows.Length < limit)
                {
                    yield break;
                }
                offset += byId ? rows.Length - 1 : rows.Length;
            }
        }

        private static void CheckPage(int offset, int limit, string? sort)
        {
            if (offset < 0)
            {
                // A negative offset crashes the v2.2.5 handler (HTTP 500).
                throw new WKInvalidInputException("WKInvalidOffset", "The offset cannot be negative.", "Offset", offset);
            }
            if (limit < 1 || limit > 10000)
            {
                throw new WKInvalidInputException("WKInvalidPageSize", string.Format(CultureInfo.InvariantCulture, "The page size {0} is outside 1..10000.", limit), "PageSize", limit);
            }
            if (sort != null && !SortOrders.Contains(sort))
            {
                throw new WKInvalidInputException("WKInvalidSort", "Unknown sort '" + sort + "': use one of " + string.Join(", ", SortOrders) + ".", "Sort", sort);
            }
        }

        private Task<WKConnectionPage> FetchPageAsync(int offset, int limit, string? uid, string? sort, ulong? nodeId, CancellationToken cancellationToken)
        {
            var request = new WKRequest("GET", "/connz")
                .AddQuery("offset", offset)
                .AddQuery("limit", limit)
                .AddQuery("sort", sort)
                .AddQuery("uid", string.IsNullOrEmpty(uid) ? null : uid);
            if (nodeId.HasValue && nodeId.Value != 0)
            {
                request.AddQuery("node_id", nodeId.Value.ToString(CultureInfo.InvariantCulture));
            }
            return _client.GetAsync(request, ConnectionsJsonContext.Default.WKConnectionPage, cancellationToken);
        }

        /// <summary>
        /// <c>POST /conn/kick</c>: the server sends the connection a disconnect packet and closes it about 2 s later.
        /// <paramref name="nodeId"/> is the node the connection lives on; <paramref name="operationNodeId"/>, when set,
        /// forwards the request to that node (the uid's leader in a cluster). Unknown connections are silently ignored.
        /// </summary>
        public Task KickAsync(string uid, long connId, ulong nodeId = 0, ulong operationNodeId = 0, CancellationToken cancellationToken = default) =>
            Post("/conn/kick", uid, connId, nodeId, operationNodeId, cancellationToken);

        /// <summary><c>POST /conn/remove</c>: closes the connection at once, without a disconnect packet.</summary>
        public Task RemoveAsync(string uid, long connId, ulong nodeId = 0, ulong operationNodeId = 0, CancellationToken cancellationToken = default) =>
            Post("/conn/remove", uid, connId, nodeId, operationNodeId, cancellationToken);

        private Task Post(string path, string uid, long connId, ulong nodeId, ulong operationNodeId, CancellationToken cancellationToken)
        {
            if (connId == 0)
            {
                throw new WKInvalidInputException("WKInvalidConnId", "The connection id is 0; take it from Get-WKConnection.", "ConnId", connId);
            }
            var body = new ConnBody { Uid = WKInputRules.Uid(uid), ConnId = connId, NodeId = nodeId, OpNodeId = operationNodeId };
            // Closing a closed connection is a no-op, so retrying is safe.
            return _client.PostAsync(path, body, ConnectionsJsonContext.Default.ConnBody, idempotent: true, cancellationToken);
        }
    }
}
