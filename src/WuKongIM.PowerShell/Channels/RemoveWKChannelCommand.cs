using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Remove, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWKChannelCommand : WKChannelCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Do not ask for confirmation.</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            try
            {
                if (ChannelType == WKChannelType.Person)
                {
                    // Refused before asking: the client would refuse it anyway.
                    Run(ct => Client.Channels.DeleteChannelAsync(ChannelId, ChannelType, ct));
                }
                if (!ConfirmChange(channel.ToString(), "Disband (POST /channel/delete; messages stay readable)", Force))
                {
                    return;
                }
                Run(ct => Client.Channels.DeleteChannelAsync(ChannelId, ChannelType, ct));
            }
            catch (Exception ex) when (ex is WKApiException || ex is WKValidationException)
            {
                WriteWKError(ex, channel);
            }
        }
    }
}
