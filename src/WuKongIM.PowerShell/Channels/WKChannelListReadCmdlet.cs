using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Reads one list of a channel (Get-WKChannelSubscriber/-Blacklist/-Whitelist): channels stream in by value or by
    /// property, and each channel's list is read in one request and written row by row. A channel that fails is reported
    /// and the next one is read.
    /// </summary>
    public abstract class WKChannelListReadCmdlet : WKChannelCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Checks the channel and reads its list (throws WKValidationException or WKApiException).</summary>
        protected abstract IEnumerable<object> ReadList(WKChannelKey channel);

        /// <summary>The rows of a list the server answers as bare uids.</summary>
        protected static IEnumerable<object> Members(WKChannelKey channel, WKChannelList list, IEnumerable<string> uids)
        {
            foreach (string uid in uids)
            {
                yield return new WKChannelMember(channel.ChannelId, channel.ChannelType, uid, list);
            }
        }

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            RunItem(channel, () =>
            {
                foreach (object row in ReadList(channel))
                {
                    WriteObject(row);
                }
            });
        }
    }
}
