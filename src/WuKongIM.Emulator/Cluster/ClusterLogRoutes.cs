using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>
    /// /cluster/logs (wukongim-api.md §11.7): the raft log viewer, which dereferences a nil node without node_id or
    /// with an unknown one (HTTP 500, empty body); /cluster/devtools/checkLogConflict, a stub with an empty 200; and
    /// /cluster/message/eventsync, a relay to this node's cluster.apiUrl.
    /// </summary>
    public sealed class ClusterLogRoutes : IRouteModule
    {
        private Router? _router;

        public void Map(Router router)
        {
            _router = router;
            router.Get("/cluster/logs", Logs);
            router.Get("/cluster/devtools/checkLogConflict", _ => ApiResult.Empty(200));
            router.Post("/cluster/message/eventsync", EventSync);
        }

        private static ApiResult Logs(ApiRequest r)
        {
            EmulatorState s = r.State;
            ulong nodeId = r.QueryUInt("node_id");
            if (nodeId != s.NodeId)
            {
                if (!s.Nodes.ContainsKey(nodeId)) throw new EmulatedPanicException("GET /cluster/logs without node_id or with an unknown one");
                return ClusterForward.To(r, nodeId, () => Logs(r));
            }
            long logType = r.QueryInt("log_type");
            if (logType == 0) logType = 1;
            IReadOnlyList<RaftLogEntry> log = logType switch
            {
                1 => s.ConfigLog,
                2 => s.SlotLogs.TryGetValue((uint)ClusterText.Lenient(r.QueryString("slot")), out List<RaftLogEntry>? l) ? l : new List<RaftLogEntry>(),
                _ => new List<RaftLogEntry>(),
            };
            long limit = r.QueryInt("limit");
            if (limit <= 0) limit = 20;
            ulong next = r.QueryUInt("next");
            ulong pre = r.QueryUInt("pre");
            List<RaftLogEntry> page;
            if (next > 0)
            {
                page = log.Where(e => e.Index < next).OrderByDescending(e => e.Index).Take((int)limit).ToList();
            }
            else if (pre > 0)
            {
                page = log.Where(e => e.Index > pre).OrderBy(e => e.Index).Take((int)limit).OrderByDescending(e => e.Index).ToList();
            }
            else
            {
                page = log.OrderByDescending(e => e.Index).Take((int)limit).ToList();
            }
            ulong last = log.Count == 0 ? 0 : log[^1].Index;
            return ApiResult.Bare(new
            {
                next = page.Count == 0 ? 0UL : page[^1].Index,
                pre = page.Count == 0 ? 0UL : page[0].Index,
                applied = last,
                last,
                // v2.2.5 sets more to 0 only when the newest returned log is index 1.
                more = page.Count == 0 || page[0].Index == 1 ? 0 : 1,
                logs = page.Select(e => new
                {
                    id = e.Index.ToString(CultureInfo.InvariantCulture),
                    index = e.Index,
                    term = e.Term,
                    cmd = e.Cmd,
                    data = e.Data,
                    time_format = ClusterText.Seconds(GoFormat.UnixNanos(e.Time)),
                }).ToList(),
            });
        }

        /// <summary>Relays the body to <c>cluster.apiUrl</c>/message/eventsync; a single node has no apiUrl, so the relay fails.</summary>
        private ApiResult EventSync(ApiRequest r)
        {
            string apiUrl = ClusterNodeRoutes.ApiServerAddr(r.State, r.State.NodeId);
            if (apiUrl.Length == 0)
            {
                return ApiResult.Err("Post \"/message/eventsync\": unsupported protocol scheme \"\"");
            }
            ApiHandler handler = _router!.Find("POST", "/message/eventsync", out _)!;
            return handler(new ApiRequest("POST", "/message/eventsync", new Dictionary<string, string>(), r.Body, r.State));
        }
    }
}
