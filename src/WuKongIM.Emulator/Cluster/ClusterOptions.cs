using System;
using System.Collections.Generic;
using System.Linq;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>An account of the manager login (config <c>auth.users</c>, wukongim-api.md §3.12).</summary>
    public sealed class ManagerUser
    {
        public ManagerUser(string name, string password, string permissions)
        {
            Name = name;
            Password = password;
            Permissions = permissions;
        }

        public string Name { get; }
        public string Password { get; }

        /// <summary>Comma-separated <c>resource:actions</c> pairs, e.g. <c>*:r</c> or <c>slotMigrate:w,slotElection:rw</c>.</summary>
        public string Permissions { get; }

        /// <summary>Parses <c>name:password:permissions</c> (the --manager-user flag); permissions default to read-only.</summary>
        public static ManagerUser Parse(string text)
        {
            string[] parts = text.Split(':', 3);
            if (parts.Length < 2 || parts[0].Trim().Length == 0 || parts[1].Length == 0)
            {
                throw new ArgumentException("--manager-user takes name:password:permissions, e.g. admin:secret:*:rw");
            }
            return new ManagerUser(parts[0].Trim(), parts[1], parts.Length == 3 && parts[2].Trim().Length > 0 ? parts[2].Trim() : "*:r");
        }

        /// <summary>auth.HasPermission: a resource entry (or <c>*</c>) whose actions contain the action or <c>*</c>.</summary>
        public bool Has(string resource, char action)
        {
            foreach (string entry in Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int colon = entry.LastIndexOf(':');
                if (colon <= 0) continue;
                string res = entry.Substring(0, colon);
                string actions = entry.Substring(colon + 1);
                if ((res == "*" || res == resource) && (actions.Contains(action) || actions.Contains('*')))
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// How the emulated cluster is configured: node count (ids 1001, 1002, ...), slots, manager accounts and the JWT
    /// secret. One instance per process; the data itself lives in <see cref="State.EmulatorState"/> and is reset with it.
    /// </summary>
    public sealed class ClusterOptions
    {
        public const ulong FirstNodeId = 1001;

        public int NodeCount { get; init; } = 1;

        /// <summary>cluster.slotCount (64 by default).</summary>
        public int SlotCount { get; init; } = 64;

        /// <summary>cluster.slotReplicaCount and channelReplicaCount: 3, or fewer when the cluster is smaller.</summary>
        public int ReplicaCount => Math.Min(3, NodeCount);

        /// <summary>Accounts given with --manager-user; none means the default guest/guest read-only account (§3.12).</summary>
        public IReadOnlyList<ManagerUser> ManagerUsers { get; init; } = Array.Empty<ManagerUser>();

        /// <summary>jwt.secret; a random one per process, like a server whose default secret nobody knows.</summary>
        public byte[] JwtSecret { get; init; } = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray();

        /// <summary>jwt.expire (30 days by default).</summary>
        public TimeSpan JwtExpire { get; init; } = TimeSpan.FromDays(30);

        /// <summary>The API address of each node (cluster.apiUrl), filled in once its listener is bound.</summary>
        public Dictionary<ulong, string> ApiAddresses { get; } = new();

        public IEnumerable<ulong> NodeIds => Enumerable.Range(0, NodeCount).Select(i => FirstNodeId + (ulong)i);

        public bool IsNode(ulong id) => id >= FirstNodeId && id < FirstNodeId + (ulong)NodeCount;

        public IReadOnlyList<ManagerUser> Accounts => ManagerUsers.Count > 0 ? ManagerUsers : new[] { new ManagerUser("guest", "guest", "*:r") };
    }
}
