using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Control
{
    /// <summary>
    /// Routes under /_emulator/ that are not part of WuKongIM: simulated device connections, fault injection, request
    /// counters and a full reset. They are never counted or faulted; with a manager token set they require it (EmulatorApp checks).
    /// </summary>
    public static class EmulatorControl
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        public static ApiResult Handle(EmulatorApp app, string method, string path, IReadOnlyDictionary<string, string> query, byte[] body) =>
            Handle(app, method, path, query, body, Cluster.ClusterOptions.FirstNodeId);

        /// <summary>As above; <paramref name="nodeId"/> is the node whose port received the request (new connections land there).</summary>
        public static ApiResult Handle(EmulatorApp app, string method, string path, IReadOnlyDictionary<string, string> query, byte[] body, ulong nodeId)
        {
            try
            {
                if (path.TrimEnd('/') == "/_emulator/nodes" || path.StartsWith("/_emulator/nodes/", StringComparison.Ordinal))
                {
                    return NodeControl.Handle(app, method, path.TrimEnd('/'));
                }
                switch (method + " " + path.TrimEnd('/'))
                {
                    case "POST /_emulator/reset":
                        app.Reset();
                        return ApiResult.Ok();
                    case "GET /_emulator/stats":
                        return ApiResult.Bare(new { total = app.Stats.Total, requests = app.Stats.Snapshot() });
                    case "POST /_emulator/stats/reset":
                        app.Stats.Reset();
                        return ApiResult.Ok();
                    case "GET /_emulator/faults":
                        return ApiResult.Bare(JsonSerializer.SerializeToElement(app.Faults, Json));
                    case "POST /_emulator/faults":
                        FaultSettings faults = body.Length == 0 ? new FaultSettings() : JsonSerializer.Deserialize<FaultSettings>(body, Json) ?? new FaultSettings();
                        faults.Validate();
                        app.Faults = faults;
                        return ApiResult.Ok();
                    case "DELETE /_emulator/faults":
                        app.Faults = new FaultSettings();
                        return ApiResult.Ok();
                    case "GET /_emulator/connections":
                        lock (app.State.Sync)
                        {
                            return ApiResult.Bare(app.State.Connections.Select(Describe).ToList());
                        }
                    case "POST /_emulator/connections":
                        return Connect(app.State, body, nodeId);
                    case "POST /_emulator/connections/remove":
                        return Disconnect(app.State, body);
                    case "POST /_emulator/messages/fill":
                        return MessageFill.Handle(app.State, body);
                    default:
                        return ApiResult.RouteNotFound();
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
            {
                return ApiResult.Err(ex.Message);
            }
        }

        private static ApiResult Connect(EmulatorState state, byte[] body, ulong nodeId)
        {
            var req = JsonSerializer.Deserialize<ConnectRequest>(body, Json) ?? throw new ArgumentException("a JSON body is required");
            if (string.IsNullOrWhiteSpace(req.Uid)) throw new ArgumentException("uid is required");
            lock (state.Sync)
            {
                // node_id picks the node the device connects to; by default, the node this request reached.
                ulong node = req.NodeId ?? nodeId;
                if (!state.Nodes.ContainsKey(node)) throw new ArgumentException("no node " + node);
                SimConnection conn = state.AddConnection(req.Uid, req.DeviceFlag, req.DeviceLevel, req.DeviceId, node);
                return ApiResult.Bare(Describe(conn));
            }
        }

        private static ApiResult Disconnect(EmulatorState state, byte[] body)
        {
            var req = JsonSerializer.Deserialize<DisconnectRequest>(body, Json) ?? throw new ArgumentException("a JSON body is required");
            lock (state.Sync)
            {
                int removed = state.RemoveConnections(c => (req.Id != 0 && c.Id == req.Id) || (!string.IsNullOrEmpty(req.Uid) && c.Uid == req.Uid));
                return ApiResult.Bare(new { removed });
            }
        }

        private static object Describe(SimConnection c) => new
        {
            id = c.Id,
            uid = c.Uid,
            device_flag = c.DeviceFlag,
            device_level = c.DeviceLevel,
            device_id = c.DeviceId,
            connected_at = c.ConnectedAt,
            node_id = c.NodeId,
        };

        private sealed class ConnectRequest
        {
            public string Uid { get; set; } = string.Empty;
            public int DeviceFlag { get; set; }
            public int DeviceLevel { get; set; }
            public string? DeviceId { get; set; }
            public ulong? NodeId { get; set; }
        }

        private sealed class DisconnectRequest
        {
            public long Id { get; set; }
            public string? Uid { get; set; }
        }
    }
}
