using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannelBlacklist")]
    [OutputType(typeof(WKChannelMember))]
    public sealed class GetWKChannelBlacklistCommand : WKChannelCmdletBase
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
                WKChannelValidation.RequireChannel(channel.ChannelId, channel.ChannelType, specialCharacters: false);
                foreach (string uid in Run(ct => Client.Channels.GetBlacklistAsync(channel.ChannelId, channel.ChannelType, ct)))
                {
                    WriteObject(new WKChannelMember(channel.ChannelId, channel.ChannelType, uid, WKChannelList.Blacklist));
                }
            }
            catch (Exception ex) when (ex is WKApiException || ex is WKValidationException)
            {
                WriteWKError(ex, channel);
            }
        }
    }
}
