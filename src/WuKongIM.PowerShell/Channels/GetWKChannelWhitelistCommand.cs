using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannelWhitelist")]
    [OutputType(typeof(WKWhitelistEntry))]
    public sealed class GetWKChannelWhitelistCommand : WKChannelCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            try
            {
                // GET /channel/whitelist gives ids and times; the /cluster allowlist route only uids.
                foreach (WKWhitelistEntry entry in Run(ct => Client.Channels.GetWhitelistEntriesAsync(channel.ChannelId, channel.ChannelType, ct)))
                {
                    WriteObject(entry);
                }
            }
            catch (Exception ex) when (ex is WKApiException || ex is WKValidationException)
            {
                WriteWKError(ex, channel);
            }
        }
    }
}
