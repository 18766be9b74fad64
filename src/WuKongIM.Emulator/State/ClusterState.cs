using System;
using System.Collections.Generic;
using System.Linq;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;

namespace WuKongIM.Emulator.State
{
    /// <summary>A node's runtime state: online or not, how often it went offline, and when it (re)started.</summary>
    public sealed class NodeRuntime
    {
        public ulong Id { get; init; }
        public bool Online { get; set; } = true;
        public int OfflineCount { get; set; }
        public DateTimeOffset? LastOffline { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    /// <summary>One slot of the cluster config: its leader, replicas and raft term (§11.7).</summary>
    public sealed class SlotConfig
    {
        public uint Id { get; init; }
        public ulong Leader { get; set; }
        public uint Term { get; set; } = 1;
        public List<ulong> Replicas { get; set; } = new();
        public ulong MigrateFrom { get; set; }
        public ulong MigrateTo { get; set; }
        public ulong LogIndex { get; set; } = 1;
        public ulong ConfVersion { get; set; } = 1;
    }

    /// <summary>A channel's cluster config, created when the channel is first activated (§11.7).</summary>
    public sealed class ChannelClusterConfig
    {
        public string ChannelId { get; init; } = string.Empty;
        public byte ChannelType { get; init; }
        public List<ulong> Replicas { get; set; } = new();
        public ulong Leader { get; set; }
        public uint Term { get; set; } = 1;
        public ulong MigrateFrom { get; set; }
        public ulong MigrateTo { get; set; }
        public ulong ConfVersion { get; set; } = 1;
        /// <summary>Loaded on its leader (a raft group that runs); /cluster/.../stop unloads it, start loads it.</summary>
        public bool Running { get; set; } = true;
        /// <summary>Unix nanoseconds, strictly increasing across configs so keyset paging never ties.</summary>
        public long CreatedAtNs { get; init; }
        public long UpdatedAtNs { get; set; }
    }

    /// <summary>An entry of a raft log shown by /cluster/logs.</summary>
    public sealed class RaftLogEntry
    {
        public ulong Index { get; init; }
        public uint Term { get; init; }
        public string Cmd { get; init; } = string.Empty;
        public string Data { get; init; } = string.Empty;
        public DateTimeOffset Time { get; init; }
    }

    /// <summary>
    /// The cluster's shared state: which node answers the current request, node liveness, the slot table, channel
    /// cluster configs and the raft logs. All nodes share the data; "local" means "in a slot this node leads".
    /// </summary>
    public sealed partial class EmulatorState
    {
        private ClusterOptions _cluster = new();

        /// <summary>The node answering the request being handled (set under the lock by the pipeline; 1001 by default).</summary>
        public ulong NodeId { get; set; } = ClusterOptions.FirstNodeId;

        public ClusterOptions Cluster => _cluster;

        public Dictionary<ulong, NodeRuntime> Nodes { get; } = new();

        public List<SlotConfig> Slots { get; } = new();

        public Dictionary<(string Id, byte Type), ChannelClusterConfig> ChannelConfigs { get; } = new();

        /// <summary>The cluster-config raft log (log_type 1) and per-slot logs (log_type 2).</summary>
        public List<RaftLogEntry> ConfigLog { get; } = new();

        public Dictionary<uint, List<RaftLogEntry>> SlotLogs { get; } = new();

        /// <summary>The cluster-config version and term (bumped by every topology change).</summary>
        public ulong ConfigVersion { get; set; } = 1;

        public uint ConfigTerm { get; set; } = 1;

        /// <summary>Lays out the nodes and the slots: slot i is led by node i mod N, replicated on the next nodes in turn.</summary>
        public void InitCluster(ClusterOptions options)
        {
            _cluster = options;
            Nodes.Clear();
            Slots.Clear();
            ConfigLog.Clear();
            SlotLogs.Clear();
            List<ulong> ids = options.NodeIds.ToList();
            foreach (ulong id in ids)
            {
                Nodes[id] = new NodeRuntime { Id = id, StartedAt = StartedAt, CreatedAt = StartedAt };
                AppendConfigLog("AddNode", "{\"id\":" + id + "}");
            }
            for (int i = 0; i < options.SlotCount; i++)
            {
                var replicas = Enumerable.Range(0, options.ReplicaCount).Select(k => ids[(i + k) % ids.Count]).ToList();
                var slot = new SlotConfig { Id = (uint)i, Leader = replicas[0], Replicas = replicas };
                Slots.Add(slot);
                AppendSlotLog(slot, "SlotInit", "{\"leader\":" + slot.Leader + "}");
            }
            AppendConfigLog("SlotsInit", "{\"slot_count\":" + options.SlotCount + "}");
        }

        public bool IsOnline(ulong nodeId) => Nodes.TryGetValue(nodeId, out NodeRuntime? n) && n.Online;

        /// <summary>The cluster-config raft leader: the lowest online node id.</summary>
        public ulong ConfigLeader => Nodes.Values.Where(n => n.Online).Select(n => n.Id).DefaultIfEmpty(0UL).Min();

        public uint SlotOf(string key) => Hashes.Crc32(key) % (uint)Cluster.SlotCount;

        public ulong SlotLeaderOf(string key) => Slots[(int)SlotOf(key)].Leader;

        /// <summary>True when the key's slot is led by the node answering the request: its data is "local" there.</summary>
        public bool IsLocal(string key) => SlotLeaderOf(key) == NodeId;

        /// <summary>Runs <paramref name="action"/> as if node <paramref name="nodeId"/> answered (a forwarded request).</summary>
        public T AsNode<T>(ulong nodeId, Func<T> action)
        {
            ulong saved = NodeId;
            NodeId = nodeId;
            try
            {
                return action();
            }
            finally
            {
                NodeId = saved;
            }
        }

        /// <summary>The channel's cluster config, created from its slot on first use when the channel is activated.</summary>
        public ChannelClusterConfig? ChannelConfigOf(string storedId, byte type)
        {
            if (ChannelConfigs.TryGetValue((storedId, type), out ChannelClusterConfig? config))
            {
                return config;
            }
            if (!IsActivated(storedId, type))
            {
                return null;
            }
            SlotConfig slot = Slots[(int)SlotOf(storedId)];
            long now = NextUnixNano();
            config = new ChannelClusterConfig { ChannelId = storedId, ChannelType = type, Replicas = slot.Replicas.ToList(), Leader = slot.Leader, CreatedAtNs = now, UpdatedAtNs = now };
            ChannelConfigs[(storedId, type)] = config;
            return config;
        }

        /// <summary>Every activated channel's config (configs are created lazily, so this materialises them).</summary>
        public IEnumerable<ChannelClusterConfig> AllChannelConfigs()
        {
            var keys = ActivatedChannels.Concat(Messages.Keys).Concat(Subscribers.Keys).Distinct().ToList();
            foreach (var key in keys)
            {
                ChannelConfigOf(key.Id, key.Type);
            }
            return ChannelConfigs.Values;
        }

        /// <summary>
        /// Takes a node offline: the slots and channels it led elect a new leader among their online replicas, as raft
        /// does after the election timeout, so the data stays reachable through the other nodes.
        /// </summary>
        public void SetOffline(ulong nodeId)
        {
            NodeRuntime node = Nodes[nodeId];
            if (!node.Online) return;
            node.Online = false;
            node.OfflineCount++;
            node.LastOffline = DateTimeOffset.UtcNow;
            AppendConfigLog("NodeOffline", "{\"id\":" + nodeId + "}");
            foreach (SlotConfig slot in Slots.Where(s => s.Leader == nodeId))
            {
                ulong next = slot.Replicas.FirstOrDefault(r => r != nodeId && IsOnline(r));
                if (next != 0)
                {
                    slot.Leader = next;
                    slot.Term++;
                    AppendSlotLog(slot, "LeaderChange", "{\"leader\":" + next + "}");
                }
            }
            foreach (ChannelClusterConfig c in ChannelConfigs.Values.Where(c => c.Leader == nodeId))
            {
                ulong next = c.Replicas.FirstOrDefault(r => r != nodeId && IsOnline(r));
                if (next != 0)
                {
                    c.Leader = next;
                    c.Term++;
                }
            }
        }

        /// <summary>Brings a node back: it restarts (uptime from now) and rejoins as a follower.</summary>
        public void SetOnline(ulong nodeId)
        {
            NodeRuntime node = Nodes[nodeId];
            if (node.Online) return;
            node.Online = true;
            node.StartedAt = DateTimeOffset.UtcNow;
            AppendConfigLog("NodeOnline", "{\"id\":" + nodeId + "}");
        }

        public void AppendConfigLog(string cmd, string data)
        {
            ConfigLog.Add(new RaftLogEntry { Index = (ulong)ConfigLog.Count + 1, Term = ConfigTerm, Cmd = cmd, Data = data, Time = DateTimeOffset.UtcNow });
            ConfigVersion = (ulong)ConfigLog.Count;
        }

        public void AppendSlotLog(SlotConfig slot, string cmd, string data)
        {
            if (!SlotLogs.TryGetValue(slot.Id, out List<RaftLogEntry>? log))
            {
                SlotLogs[slot.Id] = log = new List<RaftLogEntry>();
            }
            log.Add(new RaftLogEntry { Index = (ulong)log.Count + 1, Term = slot.Term, Cmd = cmd, Data = data, Time = DateTimeOffset.UtcNow });
            slot.LogIndex = (ulong)log.Count;
        }
    }
}

namespace WuKongIM.Emulator.State
{
    public sealed partial class EmulatorState
    {
        private StoredMessage[] _byIdCache = System.Array.Empty<StoredMessage>();
        private int _byIdCacheCount = -1;

        /// <summary>
        /// Every stored message in message-id order: the global message-id index that /cluster/messages walks. Rebuilt
        /// only when messages were added since, so paging a large search does not sort the store on every page.
        /// </summary>
        public StoredMessage[] MessagesInIdOrder()
        {
            if (_byIdCacheCount != MessagesById.Count)
            {
                // Ids are handed out in increasing order and messages are never removed, so the insertion order of the
                // dictionary is normally already sorted: check in one pass and sort only when it is not.
                StoredMessage[] all = MessagesById.Values.ToArray();
                bool sorted = true;
                for (int i = 1; i < all.Length && sorted; i++)
                {
                    sorted = all[i - 1].MessageId < all[i].MessageId;
                }
                if (!sorted)
                {
                    long[] keys = all.Select(m => m.MessageId).ToArray();
                    System.Array.Sort(keys, all);
                }
                _byIdCache = all;
                _byIdCacheCount = MessagesById.Count;
            }
            return _byIdCache;
        }
    }
}
