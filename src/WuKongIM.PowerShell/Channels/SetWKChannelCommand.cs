using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Set, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKChannelInfo))]
    public sealed class SetWKChannelCommand : WKChannelCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        [Parameter] public SwitchParameter Ban { get; set; }
        [Parameter] public SwitchParameter Disband { get; set; }
        [Parameter] public SwitchParameter SendBan { get; set; }
        [Parameter] public SwitchParameter Large { get; set; }
        [Parameter] public SwitchParameter AllowStranger { get; set; }

        /// <summary>Write the flags that were sent.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var changes = new WKChannelFlagChanges
            {
                Ban = Named(nameof(Ban), Ban),
                Disband = Named(nameof(Disband), Disband),
                SendBan = Named(nameof(SendBan), SendBan),
                Large = Named(nameof(Large), Large),
                AllowStranger = Named(nameof(AllowStranger), AllowStranger),
            };
            if (!changes.Any)
            {
                WriteWKError(new WKValidationException("Name at least one flag to change: -Ban, -Disband, -SendBan, -Large or -AllowStranger (use -Ban:$false to clear one)."), new WKChannelKey(ChannelId, ChannelType));
                return;
            }
            WKChannelInfo? sent = ApplyFlagChanges(ChannelId, ChannelType, changes, "Set channel flags");
            if (sent != null && PassThru)
            {
                WriteObject(sent);
            }
        }
    }
}
