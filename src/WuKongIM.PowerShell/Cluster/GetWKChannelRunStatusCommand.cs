using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Says whether each channel's raft group is loaded (running) on a node, with its last seq (POST /cluster/channel/status).
    /// Piped channels are sent in batches of -BatchSize.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKChannelRunStatus")]
    [OutputType(typeof(WKChannelRunStatus))]
    public sealed class GetWKChannelRunStatusCommand : WKApiCmdlet
    {
        private readonly List<KeyValuePair<string, WKChannelType>> _pending = new List<KeyValuePair<string, WKChannelType>>();
        private WKClient? _target;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>The node to ask (the answer is that node's); the node the session is connected to when omitted.</summary>
        [Parameter]
        public ulong? NodeId { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            if (!RunItem(new WKChannelKey(ChannelId, ChannelType), () => WKChannelValidation.RequireChannel(ChannelId, ChannelType, specialCharacters: false)))
            {
                return;
            }
            _pending.Add(new KeyValuePair<string, WKChannelType>(ChannelId, ChannelType));
            if (_pending.Count >= BatchSize)
            {
                Flush();
            }
        }

        protected override void EndProcessing()
        {
            if (_pending.Count > 0)
            {
                Flush();
            }
        }

        private void Flush()
        {
            KeyValuePair<string, WKChannelType>[] batch = _pending.ToArray();
            _pending.Clear();
            RunItem(batch.Select(c => new WKChannelKey(c.Key, c.Value)).ToArray(), () =>
            {
                WKClient target = _target ??= ResolveTarget();
                WriteObject(Run(ct => target.Cluster.GetChannelStatusAsync(batch, ct)), enumerateCollection: true);
            });
        }

        /// <summary>The route answers for the node it reaches, so -NodeId is reached at its own API address.</summary>
        private WKClient ResolveTarget()
        {
            if (!NodeId.HasValue)
            {
                return Client;
            }
            WKNode node = Run(ct => Client.Cluster.GetNodesAsync(ct)).FirstOrDefault(n => n.NodeId == NodeId.Value)
                ?? throw new WKApiException(WKErrorKind.NotFound, "GET", "/cluster/nodes", null, null, "node not found");
            WKNodeTarget target = Client.Cluster.TargetOf(node);
            if (!target.Direct)
            {
                throw new WKValidationException("Node " + NodeId.Value + " reports no API address, and /cluster/channel/status cannot be forwarded.", "NodeId");
            }
            return target.Client;
        }
    }
}
