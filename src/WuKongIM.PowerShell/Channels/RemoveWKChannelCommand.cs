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
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Do not ask for confirmation.</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>How many channels are deleted at once when channels are piped in; errors still come out in input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        private OrderedDispatcher<WKChannelKey, bool>? _deletes;

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            RunItem(channel, () =>
            {
                if (ChannelType == WKChannelType.Person)
                {
                    // Refused before asking: the client would refuse it anyway.
                    Run(ct => Client.Channels.DeleteChannelAsync(ChannelId, ChannelType, ct));
                }
                if (!ShouldProcessOrForce(Force, channel.ToString(), "Disband (POST /channel/delete; messages stay readable)"))
                {
                    return;
                }
                // Asked here, on the pipeline thread; the requests themselves run ThrottleLimit at a time.
                _deletes ??= CreateDispatcher<WKChannelKey, bool>(ThrottleLimit, async (key, ct) =>
                {
                    await Client.Channels.DeleteChannelAsync(key.ChannelId, key.ChannelType, ct).ConfigureAwait(false);
                    return true;
                });
                PostThrottled(_deletes, channel, WriteFailure);
            });
        }

        protected override void EndProcessing() => DrainThrottled(_deletes, WriteFailure);

        /// <summary>The cmdlet returns nothing: only failures are written.</summary>
        private void WriteFailure(DispatchOutcome<WKChannelKey, bool> outcome)
        {
            if (!outcome.Succeeded)
            {
                WriteOutcome(outcome);
            }
        }
    }
}
