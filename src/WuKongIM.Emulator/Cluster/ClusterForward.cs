using System;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>
    /// A request a node replays on another node (wukongim-api.md §1.7). All nodes share one process, so a forward runs
    /// the handler as the target node; an offline target fails the way Go's HTTP client does, as ERR(transport error).
    /// </summary>
    public static class ClusterForward
    {
        public static ApiResult To(ApiRequest r, ulong nodeId, Func<ApiResult> handler)
        {
            EmulatorState s = r.State;
            if (!s.IsOnline(nodeId))
            {
                return ApiResult.Err(TransportError(s, nodeId, r.Method, r.Path));
            }
            return s.AsNode(nodeId, handler);
        }

        /// <summary>What net/http reports when the node's port refuses the connection.</summary>
        public static string TransportError(EmulatorState s, ulong nodeId, string method, string path)
        {
            string address = s.Cluster.ApiAddresses.TryGetValue(nodeId, out string? a) ? a : "http://127.0.0.1:0";
            string hostPort = new Uri(address).Authority;
            string verb = method == "GET" ? "Get" : "Post";
            return verb + " \"" + address + path + "\": dial tcp " + hostPort + ": connect: connection refused";
        }
    }
}
