using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    public sealed partial class ClusterApi
    {
        /// <summary>
        /// The client connections of every node (<c>/connz</c> is node-local), node by node in id order, each row tagged
        /// with its node. An offline or unreachable node is a result with an error, never left out.
        /// </summary>
        public IAsyncEnumerable<WKNodeResult<IReadOnlyList<WKConnection>>> GetConnectionsOfAllNodesAsync(string? uid = null, bool exactUid = false, string? sort = null,
            int pageSize = 100, int throttleLimit = 4, CancellationToken cancellationToken = default) =>
            ForEachNodeAsync<IReadOnlyList<WKConnection>>(async (target, ct) =>
            {
                var rows = new List<WKConnection>();
                await foreach (WKConnection connection in target.Client.Connections.ListConnectionsAsync(uid, exactUid, sort, target.NodeId, pageSize, ct).ConfigureAwait(false))
                {
                    if (connection.NodeId == 0)
                    {
                        connection.NodeId = target.NodeId;
                    }
                    rows.Add(connection);
                }
                return rows;
            }, throttleLimit, cancellationToken);

        /// <summary>The status (<c>/varz</c>, node-local) of every node, in node-id order; offline or unreachable nodes are error results.</summary>
        public IAsyncEnumerable<WKNodeResult<WKServerStatus>> GetStatusOfAllNodesAsync(bool includeConnections = false, int? connectionLimit = null, int throttleLimit = 4,
            CancellationToken cancellationToken = default) =>
            ForEachNodeAsync((target, ct) => target.Client.Server.GetStatusAsync(target.NodeId, includeConnections, connectionLimit, ct), throttleLimit, cancellationToken);
    }
}
