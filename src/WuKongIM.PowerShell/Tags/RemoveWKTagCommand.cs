using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes a receiver tag (a repair tool: the server rebuilds the tag on the channel's next message).</summary>
    [Cmdlet(VerbsCommon.Remove, "WKTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = KeySet)]
    [OutputType(typeof(void))]
    public sealed class RemoveWKTagCommand : WKApiCmdlet
    {
        private const string KeySet = "Key";
        private const string ChannelSet = "Channel";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = KeySet)]
        [Alias("tag_key")]
        [ValidateNotNullOrEmpty]
        public string TagKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ChannelSet)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ChannelSet)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        [Parameter]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

        protected override void ProcessRecord()
        {
            bool byKey = ParameterSetName == KeySet;
            string target = byKey ? "tag " + TagKey : "tag of channel " + ChannelId + " (" + ChannelType + ")";
            if (!ShouldProcess(target, "Remove"))
            {
                return;
            }
            RunItem(byKey ? TagKey : ChannelId, () =>
            {
                Run(ct => byKey
                    ? Client.Tags.RemoveTagAsync(TagKey, null, null, NodeId, ct)
                    : Client.Tags.RemoveTagAsync(null, ChannelId, ChannelType, NodeId, ct));
            });
        }
    }
}
