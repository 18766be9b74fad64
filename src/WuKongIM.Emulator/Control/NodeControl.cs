using System;
using System.Globalization;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Control
{
    /// <summary>
    /// /_emulator/nodes: lists the emulated nodes and takes one offline or back online. An offline node's listener
    /// aborts every connection (its port fails), /cluster/nodes shows it offline, the slots it led elect a new leader
    /// among their online replicas, and fan-outs skip it. Coming back, it restarts (uptime from zero) as a follower.
    /// </summary>
    public static class NodeControl
    {
        public static ApiResult Handle(EmulatorApp app, string method, string path)
        {
            string[] parts = path.Trim('/').Split('/');
            EmulatorState state = app.State;
            lock (state.Sync)
            {
                if (method == "GET" && parts.Length == 2)
                {
                    return ApiResult.Bare(state.Nodes.Values.OrderBy(n => n.Id).Select(n => new
                    {
                        id = n.Id,
                        url = app.Cluster.ApiAddresses.TryGetValue(n.Id, out string? url) ? url : string.Empty,
                        online = n.Online,
                        connections = state.Connections.Count(c => c.NodeId == n.Id),
                    }).ToList());
                }
                if (method == "POST" && parts.Length == 4 && (parts[3] == "offline" || parts[3] == "online"))
                {
                    if (!ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id) || !state.Nodes.ContainsKey(id))
                    {
                        throw new ArgumentException("no node " + parts[2] + " (nodes are " + string.Join(", ", state.Nodes.Keys.OrderBy(k => k)) + ")");
                    }
                    if (parts[3] == "offline")
                    {
                        if (state.Nodes.Values.Count(n => n.Online) == 1 && state.IsOnline(id))
                        {
                            throw new ArgumentException("node " + id + " is the last online node");
                        }
                        state.SetOffline(id);
                    }
                    else
                    {
                        state.SetOnline(id);
                    }
                    return ApiResult.Ok();
                }
            }
            return ApiResult.RouteNotFound();
        }
    }
}
