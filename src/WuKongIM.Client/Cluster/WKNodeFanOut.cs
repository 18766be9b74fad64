using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Why a node could not answer a fan-out.</summary>
    public enum WKNodeUnavailableReason
    {
        /// <summary>The cluster reports the node offline; it was not asked.</summary>
        Offline,
        /// <summary>The node is reported online but its API address could not be reached (refused, timed out, broken).</summary>
        Unreachable,
    }

    /// <summary>A node of a fan-out could not answer. The other nodes' results are still returned.</summary>
    [Serializable]
    public sealed class WKNodeUnavailableException : Exception
    {
        public WKNodeUnavailableException(ulong nodeId, string? address, WKNodeUnavailableReason reason, Exception? inner = null)
            : base(BuildMessage(nodeId, address, reason, inner), inner)
        {
            NodeId = nodeId;
            Address = address;
            Reason = reason;
        }

        public ulong NodeId { get; }
        public string? Address { get; }
        public WKNodeUnavailableReason Reason { get; }

        private static string BuildMessage(ulong nodeId, string? address, WKNodeUnavailableReason reason, Exception? inner)
        {
            string node = "Node " + nodeId.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(address) ? string.Empty : " (" + address + ")");
            return reason == WKNodeUnavailableReason.Offline
                ? node + " is offline: the cluster reports it down, so its share is missing from this result."
                : node + " could not be reached, so its share is missing from this result: " + (inner?.Message ?? "no answer");
        }
    }

    /// <summary>One node's answer in a fan-out: a value, or the error that node gave.</summary>
    public sealed class WKNodeResult<T>
    {
        internal WKNodeResult(WKNode node, T? value, Exception? error)
        {
            Node = node;
            Value = value;
            Error = error;
        }

        public WKNode Node { get; }
        public ulong NodeId => Node.NodeId;
        public T? Value { get; }
        public Exception? Error { get; }
        public bool Succeeded => Error == null;
    }

    /// <summary>Where to reach one node: its own client (its API address) or, without one, the client asked with node_id.</summary>
    public sealed class WKNodeTarget
    {
        internal WKNodeTarget(WKNode node, WKClient client, bool direct)
        {
            Node = node;
            Client = client;
            Direct = direct;
        }

        public WKNode Node { get; }
        public ulong NodeId => Node.NodeId;
        public WKClient Client { get; }
        /// <summary>True when <see cref="Client"/> talks to the node itself; false when the connected node forwards (node_id).</summary>
        public bool Direct { get; }
    }

    public sealed partial class ClusterApi
    {
        /// <summary>
        /// Runs <paramref name="work"/> once per node of <c>/cluster/nodes</c>, at most <paramref name="throttleLimit"/> at a
        /// time, each against the node's own API address (<c>api_server_addr</c>; without one, through the connected node
        /// with <c>node_id</c>). Results come back in node-id order, each as soon as it and the nodes before it are done.
        /// An offline node is not asked and an unreachable one fails alone: both are results with a
        /// <see cref="WKNodeUnavailableException"/>, never left out. Pass <c>node.NodeId</c> as <c>node_id</c> in the work,
        /// so a wrong address is never mistaken for the node.
        /// </summary>
        public async IAsyncEnumerable<WKNodeResult<T>> ForEachNodeAsync<T>(Func<WKNodeTarget, CancellationToken, Task<T>> work, int throttleLimit = 4,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (throttleLimit < 1)
            {
                throw new WKInvalidInputException("WKInvalidThrottleLimit", "The throttle limit must be at least 1.", "ThrottleLimit", throttleLimit);
            }
            IReadOnlyList<WKNode> nodes = (await GetNodesAsync(cancellationToken).ConfigureAwait(false)).OrderBy(n => n.NodeId).ToArray();
            using var gate = new SemaphoreSlim(throttleLimit, throttleLimit);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tasks = new List<Task<WKNodeResult<T>>>(nodes.Count);
            foreach (WKNode node in nodes)
            {
                tasks.Add(RunOnNodeAsync(node, work, gate, stop.Token));
            }
            try
            {
                foreach (Task<WKNodeResult<T>> task in tasks)
                {
                    yield return await task.ConfigureAwait(false);
                }
            }
            finally
            {
                // A consumer that stops early (Ctrl+C, -First) must not leave requests running.
                stop.Cancel();
                try
                {
                    await Task.WhenAll(tasks).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        private async Task<WKNodeResult<T>> RunOnNodeAsync<T>(WKNode node, Func<WKNodeTarget, CancellationToken, Task<T>> work, SemaphoreSlim gate, CancellationToken cancellationToken)
        {
            if (!node.Online)
            {
                return new WKNodeResult<T>(node, default, new WKNodeUnavailableException(node.NodeId, node.ApiServerAddr, WKNodeUnavailableReason.Offline));
            }
            WKNodeTarget target;
            try
            {
                target = TargetOf(node);
            }
            catch (WKValidationException ex)
            {
                return new WKNodeResult<T>(node, default, ex);
            }
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                T value = await work(target, cancellationToken).ConfigureAwait(false);
                return new WKNodeResult<T>(node, value, null);
            }
            catch (WKApiException ex) when (ex.Kind == WKErrorKind.ConnectionFailed || ex.Kind == WKErrorKind.Timeout)
            {
                return new WKNodeResult<T>(node, default, new WKNodeUnavailableException(node.NodeId, node.ApiServerAddr, WKNodeUnavailableReason.Unreachable, ex));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
            {
                return new WKNodeResult<T>(node, default, ex);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>The client for a node: its own address when the cluster reports one, else the connected node with node_id.</summary>
        public WKNodeTarget TargetOf(WKNode node)
        {
            string address = (node.ApiServerAddr ?? string.Empty).Trim();
            if (address.Length == 0)
            {
                return new WKNodeTarget(node, _client, direct: false);
            }
            if (address.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                address = "http://" + address;
            }
            if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new WKValidationException("Node " + node.NodeId.ToString(CultureInfo.InvariantCulture) + " reports an API address that is not http(s): " + node.ApiServerAddr, "ApiServerAddr");
            }
            return new WKNodeTarget(node, _client.ForAddress(uri), direct: true);
        }
    }
}
