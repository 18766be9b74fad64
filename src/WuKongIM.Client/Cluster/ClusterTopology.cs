using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Why the server refused a topology action, read from its message (§11.8).</summary>
    public enum WKClusterRefusal
    {
        /// <summary><c>没有权限</c> (status 403 in a 400): the manager user lacks the 'w' permission on the resource.</summary>
        PermissionDenied,
        /// <summary><c>MigrateFrom not in replicas</c>: the source node does not hold a replica.</summary>
        NotInReplicas,
        /// <summary><c>transition between followers is not supported</c>: the target already holds a replica and the source is not the leader.</summary>
        FollowerTransition,
        /// <summary><c>migrate is in progress</c>.</summary>
        MigrationInProgress,
        /// <summary><c>slot not found</c>.</summary>
        SlotNotFound,
        /// <summary><c>leader not found</c> / <c>slot leader not found</c>: no leader to act on.</summary>
        LeaderNotFound,
        /// <summary><c>not found</c>: the channel has no cluster configuration yet (never activated for messaging).</summary>
        ChannelNotActivated,
        /// <summary>Another refusal; the server's message says which.</summary>
        Other,
    }

    /// <summary>A topology action the server refused, with the reason as an enum so scripts can branch on it.</summary>
    [Serializable]
    public sealed class WKClusterRefusedException : WKApiException
    {
        public WKClusterRefusedException(WKClusterRefusal reason, WKApiException inner)
            : base(inner.Kind, inner.Method, inner.Path, inner.HttpStatus, inner.ServerStatus, inner.ServerMessage, Explain(reason), inner)
        {
            Reason = reason;
        }

        public WKClusterRefusal Reason { get; }

        /// <summary>The refusal an answer stands for, or null when it is not one (a transport failure, a 500).</summary>
        public static WKClusterRefusal? Classify(WKApiException ex)
        {
            if (ex.Kind == WKErrorKind.PermissionDenied)
            {
                return WKClusterRefusal.PermissionDenied;
            }
            if (ex.Kind != WKErrorKind.BadRequest)
            {
                return null;
            }
            string msg = (ex.ServerMessage ?? string.Empty).Trim();
            if (msg == "\u6ca1\u6709\u6743\u9650")
            {
                return WKClusterRefusal.PermissionDenied;
            }
            if (msg.IndexOf("not in replicas", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return WKClusterRefusal.NotInReplicas;
            }
            if (msg.IndexOf("transition between followers", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return WKClusterRefusal.FollowerTransition;
            }
            if (msg.IndexOf("migrate is in progress", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return WKClusterRefusal.MigrationInProgress;
            }
            if (msg.Equals("slot not found", StringComparison.OrdinalIgnoreCase))
            {
                return WKClusterRefusal.SlotNotFound;
            }
            if (msg.IndexOf("leader not found", StringComparison.OrdinalIgnoreCase) >= 0 || msg.IndexOf("leader is 0", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return WKClusterRefusal.LeaderNotFound;
            }
            if (msg.Equals("not found", StringComparison.OrdinalIgnoreCase))
            {
                return WKClusterRefusal.ChannelNotActivated;
            }
            return WKClusterRefusal.Other;
        }

        private static string Explain(WKClusterRefusal reason) => reason switch
        {
            WKClusterRefusal.PermissionDenied => "the manager user lacks the 'w' permission for this action",
            WKClusterRefusal.NotInReplicas => "the source node holds no replica",
            WKClusterRefusal.FollowerTransition => "moving between followers is not supported; move from the leader",
            WKClusterRefusal.MigrationInProgress => "a migration is already in progress",
            WKClusterRefusal.SlotNotFound => "no such slot",
            WKClusterRefusal.LeaderNotFound => "there is no leader to act on",
            WKClusterRefusal.ChannelNotActivated => "the channel has no cluster configuration yet (send it a message first)",
            _ => "refused",
        };
    }

    public sealed partial class ClusterApi
    {
        /// <summary>
        /// <c>POST /cluster/slots/:id/migrate</c>: moves the slot's replica from node <paramref name="fromNodeId"/> to node
        /// <paramref name="toNodeId"/>. Needs a manager login with 'w' on slotMigrate.
        /// </summary>
        public Task MigrateSlotAsync(uint slotId, ulong fromNodeId, ulong toNodeId, CancellationToken cancellationToken = default)
        {
            RequireLogin("Moving a slot");
            CheckMove(fromNodeId, toNodeId);
            return TopologyAsync("Moving a slot", SlotPath(slotId, "migrate"), new MigrateBody { MigrateFrom = fromNodeId, MigrateTo = toNodeId }, cancellationToken);
        }

        /// <summary><c>POST /cluster/slots/:id/election</c>: forces a leader election in the slot. Needs 'w' on slotElection.</summary>
        public Task ElectSlotLeaderAsync(uint slotId, CancellationToken cancellationToken = default) =>
            TopologyAsync("A slot election", SlotPath(slotId, "election"), null, cancellationToken);

        /// <summary><c>POST /cluster/channels/:id/:type/start</c>: loads (wakes) the channel's raft group on its leader. Needs 'w' on clusterchannelStart.</summary>
        public Task StartChannelAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken = default) =>
            TopologyAsync("Starting a channel", ChannelPath(channelId, channelType, "start"), null, cancellationToken);

        /// <summary><c>POST /cluster/channels/:id/:type/stop</c>: unloads the channel's raft group from its leader. Needs 'w' on clusterchannelStop.</summary>
        public Task StopChannelAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken = default) =>
            TopologyAsync("Stopping a channel", ChannelPath(channelId, channelType, "stop"), null, cancellationToken);

        /// <summary>
        /// <c>POST /cluster/channels/:id/:type/migrate</c>: moves the channel's replica from one node to another. The server
        /// checks no permission here (only the manager token protects it); the client still requires a manager login, as
        /// for the other topology actions.
        /// </summary>
        public Task MigrateChannelReplicaAsync(string channelId, WKChannelType channelType, ulong fromNodeId, ulong toNodeId, CancellationToken cancellationToken = default)
        {
            RequireLogin("Moving a channel replica");
            CheckMove(fromNodeId, toNodeId);
            return TopologyAsync("Moving a channel replica", ChannelPath(channelId, channelType, "migrate"), new MigrateBody { MigrateFrom = fromNodeId, MigrateTo = toNodeId }, cancellationToken);
        }

        /// <summary>Logs in with the configured manager user now (Connect-WKServer -Credential does this to check it).</summary>
        public Task<WKManagerLoginInfo> LoginAsync(CancellationToken cancellationToken = default) => _client.Transport.LoginAsync(cancellationToken);

        private static void CheckMove(ulong fromNodeId, ulong toNodeId)
        {
            // The server answers these with 'migrateFrom or migrateTo is 0' / 'migrateFrom is equal to migrateTo' only after
            // its replica checks; refusing them here gives the clear reason first.
            if (fromNodeId == 0 || toNodeId == 0)
            {
                throw new WKInvalidInputException("WKInvalidNodeId", "Both the source and the target node are needed (node id 0 names no node).", fromNodeId == 0 ? "FromNodeId" : "ToNodeId", 0UL);
            }
            if (fromNodeId == toNodeId)
            {
                throw new WKInvalidInputException("WKSameNode", "The source and the target node are the same (" + fromNodeId.ToString(CultureInfo.InvariantCulture) + ").", "ToNodeId", toNodeId);
            }
        }

        /// <summary>Without a manager login nothing else about the action matters: say that first.</summary>
        private void RequireLogin(string action)
        {
            if (!_client.Transport.HasManagerLogin)
            {
                throw new WKManagerLoginRequiredException(action);
            }
        }

        private async Task TopologyAsync(string action, string path, MigrateBody? body, CancellationToken cancellationToken)
        {
            RequireLogin(action);
            bool renew = false;
            for (int attempt = 1; ; attempt++)
            {
                var request = new WKRequest("POST", path)
                {
                    Body = body == null ? new byte[] { (byte)'{', (byte)'}' } : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, ClusterJsonContext.Default.MigrateBody),
                    SendManagerJwt = true,
                    RenewManagerJwt = renew,
                    // A topology change sent twice may act twice; it is repeated only after a refusal, when it did nothing.
                    Idempotent = false,
                };
                try
                {
                    await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (WKApiException ex) when (!(ex is WKManagerLoginException) && WKClusterRefusedException.Classify(ex) is WKClusterRefusal reason)
                {
                    // A JWT the server no longer accepts (restarted with another secret, clock skew) reads as 没有权限:
                    // log in once more and repeat before reporting the refusal.
                    if (reason == WKClusterRefusal.PermissionDenied && attempt == 1)
                    {
                        renew = true;
                        continue;
                    }
                    throw new WKClusterRefusedException(reason, ex);
                }
            }
        }
    }
}
