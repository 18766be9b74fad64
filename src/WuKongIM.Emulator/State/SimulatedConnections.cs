using System;
using System.Collections.Generic;
using System.Linq;

namespace WuKongIM.Emulator.State
{
    /// <summary>A client connection simulated through /_emulator/connections (the emulator has no TCP gateway).</summary>
    public sealed class SimConnection
    {
        public long Id { get; init; }
        public string Uid { get; init; } = string.Empty;
        public int DeviceFlag { get; init; }
        public int DeviceLevel { get; init; }
        public string DeviceId { get; init; } = string.Empty;
        public string Ip { get; init; } = "127.0.0.1";
        public int Port { get; init; }
        public DateTimeOffset ConnectedAt { get; init; }
        public DateTimeOffset LastActivity { get; set; }
        public long InMsgs { get; set; }
        public long OutMsgs { get; set; }
        public long InMsgBytes { get; set; }
        public long OutMsgBytes { get; set; }
        public int ProtocolVersion { get; init; } = 4;
        /// <summary>The node the device is connected to (1001 on a single node).</summary>
        public ulong NodeId { get; init; } = 1001;
    }

    public sealed partial class EmulatorState
    {
        private long _lastConnId;

        private readonly List<SimConnection> _connections = new();
        // Online status asks per uid; an index keeps 100,000 look-ups from scanning every connection each time.
        private readonly Dictionary<string, List<SimConnection>> _connectionsByUid = new(StringComparer.Ordinal);

        /// <summary>Every simulated connection in connection order; change it only through Add/RemoveConnections.</summary>
        public IReadOnlyList<SimConnection> Connections => _connections;

        /// <summary>The connections of the node answering the request (what its /connz and /varz count).</summary>
        public IEnumerable<SimConnection> LocalConnections => _connections.Where(c => c.NodeId == NodeId);

        public SimConnection AddConnection(string uid, int deviceFlag, int deviceLevel, string? deviceId) =>
            AddConnection(uid, deviceFlag, deviceLevel, deviceId, NodeId);

        public SimConnection AddConnection(string uid, int deviceFlag, int deviceLevel, string? deviceId, ulong nodeId)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var conn = new SimConnection
            {
                Id = ++_lastConnId,
                Uid = uid,
                DeviceFlag = deviceFlag,
                DeviceLevel = deviceLevel,
                DeviceId = deviceId ?? uid + "-" + deviceFlag,
                Port = 40000 + (int)(_lastConnId % 20000),
                ConnectedAt = now,
                LastActivity = now,
                NodeId = nodeId,
            };
            _connections.Add(conn);
            if (!_connectionsByUid.TryGetValue(uid, out List<SimConnection>? ofUid))
            {
                _connectionsByUid[uid] = ofUid = new List<SimConnection>();
            }
            ofUid.Add(conn);
            return conn;
        }

        /// <summary>Closes connections; kicks close after a delay on the real server, the emulator closes at once.</summary>
        public int RemoveConnections(Func<SimConnection, bool> match)
        {
            int removed = _connections.RemoveAll(c => match(c));
            if (removed > 0)
            {
                foreach (string uid in _connectionsByUid.Keys.ToList())
                {
                    List<SimConnection> ofUid = _connectionsByUid[uid];
                    ofUid.RemoveAll(c => match(c));
                    if (ofUid.Count == 0)
                    {
                        _connectionsByUid.Remove(uid);
                    }
                }
            }
            return removed;
        }

        public IEnumerable<SimConnection> ConnectionsOf(string uid) =>
            _connectionsByUid.TryGetValue(uid, out List<SimConnection>? ofUid) ? ofUid : Enumerable.Empty<SimConnection>();
    }
}
