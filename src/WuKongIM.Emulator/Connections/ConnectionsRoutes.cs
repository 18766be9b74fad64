using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>/connz (wukongim-api.md §3.10) and /conn/kick, /conn/remove (§3.4) over the simulated connections.</summary>
    public sealed class ConnectionsRoutes : IRouteModule
    {
        private static readonly GoStruct ConnReq = new("", "",
            new GoField("uid", GoType.String),
            new GoField("conn_id", GoType.Int64),
            new GoField("node_id", GoType.Uint64),
            new GoField("op_node_id", GoType.Uint64));

        public void Map(Router router)
        {
            router.Get("/connz", Connz);
            // The emulator closes at once; the server closes a kicked connection ~2 s after the disconnect packet.
            router.Post("/conn/kick", Close);
            router.Post("/conn/remove", Close);
        }

        private static ApiResult Connz(ApiRequest r)
        {
            EmulatorState s = r.State;
            // strconv.ParseUint of a non-blank node_id; other nodes are forwarded on the server, unknown ones refused.
            ulong nodeId = r.QueryUInt("node_id");
            if (nodeId > 0 && nodeId != s.NodeId)
            {
                if (!s.Cluster.IsNode(nodeId)) return ApiResult.Err("节点不存在！");
                return ClusterForward.To(r, nodeId, () => Connz(r));
            }
            long offset = ParseInt(r, "offset");
            long limit = ParseInt(r, "limit");
            if (limit <= 0) limit = 20;
            // The substring filter uses the raw (untrimmed) value, but only when it is not blank.
            string uid = r.Query.TryGetValue("uid", out string? u) ? u : string.Empty;
            string sort = r.Query.TryGetValue("sort", out string? so) && so.Length > 0 ? so : "id";

            List<SimConnection> matching = s.LocalConnections.Where(c => uid.Trim().Length == 0 || c.Uid.Contains(uid, StringComparison.Ordinal)).ToList();
            matching = Sort(matching, sort);
            if (offset < 0)
            {
                // connz slices with a negative index: a Go panic, HTTP 500 with an empty body.
                throw new EmulatedPanicException("GET /connz with a negative offset");
            }
            int min = (int)Math.Min(offset, matching.Count);
            int max = (int)Math.Min(offset + limit, matching.Count);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var rows = matching.Skip(min).Take(max - min).Select(c => SystemRoutes.ConnInfo(s, c, now)).ToList();
            return ApiResult.Bare(new { connections = rows, now, total = s.LocalConnections.Count(), offset, limit });
        }

        // strconv.ParseInt with the error ignored: anything unparsable is 0.
        private static long ParseInt(ApiRequest r, string name) =>
            r.Query.TryGetValue(name, out string? v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : 0;

        private static List<SimConnection> Sort(List<SimConnection> conns, string sort)
        {
            Func<SimConnection, long>? key = sort.EndsWith("Desc", StringComparison.Ordinal) ? KeyOf(sort.Substring(0, sort.Length - 4)) : KeyOf(sort);
            if (key == null)
            {
                return conns; // unknown sort values (pendingBytes too) leave the list unsorted
            }
            return sort.EndsWith("Desc", StringComparison.Ordinal) ? conns.OrderByDescending(key).ToList() : conns.OrderBy(key).ToList();
        }

        private static Func<SimConnection, long>? KeyOf(string name) => name switch
        {
            "id" => c => c.Id,
            "inMsg" or "inPacket" => c => c.InMsgs,
            "outMsg" or "outPacket" => c => c.OutMsgs,
            "inMsgBytes" or "inPacketBytes" => c => c.InMsgBytes,
            "outMsgBytes" or "outPacketBytes" => c => c.OutMsgBytes,
            // Uptime and idle grow with age, so ascending means the most recent first.
            "uptime" => c => -c.ConnectedAt.UtcTicks,
            "idle" => c => -c.LastActivity.UtcTicks,
            "protoVersion" => c => c.ProtocolVersion,
            _ => null,
        };

        private static ApiResult Close(ApiRequest r)
        {
            if (!r.TryDecode(ConnReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            EmulatorState s = r.State;
            ulong opNode = req.U64("op_node_id");
            if (opNode != 0 && opNode != s.NodeId)
            {
                if (!s.Cluster.IsNode(opNode)) return ApiResult.Err("node not found");
                return ClusterForward.To(r, opNode, () => Close(r));
            }
            long connId = req.Int("conn_id");
            if (connId == 0)
            {
                return ApiResult.Err("conn_id is 0");
            }
            ulong node = req.U64("node_id");
            if (node == 0) node = s.NodeId;
            string uid = req.Str("uid");
            // Connections are looked up by (uid, node, id); anything else is silently nothing.
            s.RemoveConnections(c => c.Id == connId && c.Uid == uid && c.NodeId == node);
            return ApiResult.Ok();
        }
    }
}
