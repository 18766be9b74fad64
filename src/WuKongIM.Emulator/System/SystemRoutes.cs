using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>/health, /migrate/result, /route, /route/batch, /varz and /varz/setting (wukongim-api.md §3.1, §3.2, §3.10).</summary>
    public sealed class SystemRoutes : IRouteModule
    {
        public const string TcpAddr = "127.0.0.1:5100";
        public const string WsAddr = "ws://127.0.0.1:5200";
        public const string IntranetTcpAddr = "127.0.0.1:5100";

        public void Map(Router router)
        {
            router.Get("/health", _ => ApiResult.Bare(new { status = "ok" }));
            // A server that never migrates from v1 reports "running" forever (wukongim-api.md §3.1).
            router.Get("/migrate/result", _ => ApiResult.Bare(new { status = "running", step = "", last_err = (object?)null, try_count = 0 }));
            router.Get("/route", Route);
            router.Post("/route/batch", RouteBatch);
            router.Get("/varz", Varz);
            router.Get("/varz/setting", _ => ApiResult.Bare(new { logger = new { trace_on = 0, loki_on = 0 }, prometheus_on = 0, stress_on = 0 }));
        }

        // Only intranet=1 selects intranet addresses; those have no ws/wss address.
        private static bool Intranet(ApiRequest r) => r.QueryInt("intranet") == 1;

        private static ApiResult Route(ApiRequest r) => Intranet(r)
            ? ApiResult.Bare(new { tcp_addr = IntranetTcpAddr, ws_addr = "", wss_addr = "" })
            : ApiResult.Bare(new { tcp_addr = TcpAddr, ws_addr = WsAddr, wss_addr = "" });

        private static ApiResult RouteBatch(ApiRequest r)
        {
            List<string>? uids;
            try
            {
                uids = GoBinder.DecodeStringArray(r.Body);
            }
            catch (GoJsonException)
            {
                return ApiResult.Err(ApiRequest.BadFormat, ginBound: true);
            }
            bool intranet = Intranet(r);
            return ApiResult.Bare(new[]
            {
                new { tcp_addr = intranet ? IntranetTcpAddr : TcpAddr, ws_addr = intranet ? "" : WsAddr, wss_addr = "", uids },
            });
        }

        private static ApiResult Varz(ApiRequest r)
        {
            EmulatorState s = r.State;
            ulong nodeId = r.QueryUInt("node_id");
            if (r.Query.ContainsKey("node_id") && nodeId != 0 && nodeId != s.NodeId)
            {
                if (!s.Cluster.IsNode(nodeId)) return ApiResult.Err("node not found");
                return ClusterForward.To(r, nodeId, () => Varz(r));
            }
            bool showConns = r.QueryString("show") == "conn";
            long limit = r.QueryInt("conn_limit");
            if (limit <= 0) limit = 20;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var process = Process.GetCurrentProcess();
            List<SimConnection> local = s.LocalConnections.ToList();
            object? conns = showConns
                ? local.OrderByDescending(c => c.InMsgs).Take((int)Math.Min(limit, int.MaxValue)).Select(c => ConnInfo(s, c, now)).ToList()
                : null;
            var body = new Dictionary<string, object?>
            {
                ["server_id"] = s.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["server_name"] = "WuKongIM",
                ["version"] = "2.2.5",
                ["connections"] = local.Count,
                ["user_handler_count"] = local.Select(c => c.Uid).Distinct().Count(),
                ["user_handler_conn_count"] = local.Count,
                ["uptime"] = GoFormat.Duration(now - s.Nodes[s.NodeId].StartedAt),
                ["goroutine"] = Environment.ProcessorCount * 8,
                ["mem"] = process.WorkingSet64,
                ["cpu"] = 0.0,
                ["in_msgs"] = local.Sum(c => c.InMsgs),
                ["out_msgs"] = local.Sum(c => c.OutMsgs),
                ["in_bytes"] = local.Sum(c => c.InMsgBytes),
                ["out_bytes"] = local.Sum(c => c.OutMsgBytes),
                ["slow_clients"] = 0,
                ["retry_queue"] = 0,
                ["tcp_addr"] = TcpAddr,
                ["ws_addr"] = WsAddr,
                ["wss_addr"] = "",
                ["manager_addr"] = "",
                ["manager_on"] = 0,
                ["commit"] = "emulator",
                ["commit_date"] = "",
                ["tree_state"] = "",
                ["api_url"] = s.Cluster.NodeCount > 1 && s.Cluster.ApiAddresses.TryGetValue(s.NodeId, out string? apiUrl) ? apiUrl : "",
                ["manager_uid"] = "____manager",
                ["manager_token_on"] = s.ManagerToken != null ? 1 : 0,
            };
            if (conns != null)
            {
                body["conns"] = conns;
            }
            body["conversation_cache_count"] = 0;
            return ApiResult.Bare(body);
        }

        /// <summary>A connection as /connz and /varz?show=conn render it.</summary>
        public static object ConnInfo(EmulatorState s, SimConnection c, DateTimeOffset now) => new
        {
            id = c.Id,
            uid = c.Uid,
            ip = c.Ip,
            port = c.Port,
            last_activity = c.LastActivity,
            uptime = GoFormat.Duration(now - c.ConnectedAt),
            idle = GoFormat.Duration(now - c.LastActivity),
            pending_bytes = 0,
            in_msgs = c.InMsgs,
            out_msgs = c.OutMsgs,
            in_msg_bytes = c.InMsgBytes,
            out_msg_bytes = c.OutMsgBytes,
            in_packets = c.InMsgs,
            out_packets = c.OutMsgs,
            in_packet_bytes = c.InMsgBytes,
            out_packet_bytes = c.OutMsgBytes,
            device = DeviceName(c.DeviceFlag) + (c.DeviceLevel == 1 ? "(主)" : "(从)"),
            device_id = c.DeviceId,
            version = c.ProtocolVersion,
            proxy_type_format = "本地连接",
            leader_id = s.NodeId,
            node_id = s.NodeId,
        };

        private static string DeviceName(int flag) => flag switch { 0 => "App", 1 => "Web", 2 => "PC", _ => "未知" };
    }
}
