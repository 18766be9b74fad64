using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// The conversation a mutation acts on. Uid, ChannelId and ChannelType bind by property name, so Get-WKConversation (and
    /// Get-WKConversationChannel) output pipes straight in; plain uid strings bind by value with -ChannelId given.
    /// </summary>
    public abstract class WKConversationCmdlet : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>The channel; for person channels the other user's uid.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        protected string Target => WKConversationCmdletLogic.Describe(Uid, ChannelId, ChannelType);
    }
}
