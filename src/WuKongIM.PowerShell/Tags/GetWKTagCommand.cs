using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKTag", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(WKTag))]
    public sealed class GetWKTagCommand : WKApiCmdlet
    {
        private const string ListSet = "List";
        private const string KeySet = "Key";
        private const string ChannelSet = "Channel";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet)]
        [Alias("tag_key")]
        [ValidateNotNullOrEmpty]
        public string TagKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ChannelSet)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ChannelSet)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        /// <summary>The node whose tags to list; by default the node that answers.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(ParameterSetName == ChannelSet ? ChannelId : TagKey, () =>
            {
                switch (ParameterSetName)
                {
                    case KeySet:
                        WriteObject(Run(ct => Client.Tags.GetTagAsync(TagKey, ct)));
                        break;
                    case ChannelSet:
                        WriteObject(Run(ct => Client.Tags.GetChannelTagAsync(ChannelId, ChannelType, ct)));
                        break;
                    default:
                        foreach (WKTag tag in Run(ct => Client.Tags.ListTagsAsync(NodeId, cancellationToken: ct)))
                        {
                            WriteObject(tag);
                        }
                        break;
                }
            });
        }
    }
}
