using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Block/Unblock/Lock/Unlock-WKChannel: change one flag, keep the others (as far as the server lets them be read).</summary>
    public abstract class WKChannelFlagSwitchCmdlet : WKChannelCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Write the flags that were sent.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        protected abstract WKChannelFlagChanges Changes { get; }
        protected abstract string Action { get; }

        protected virtual void Warn(WKChannelKey channel)
        {
        }

        protected override void ProcessRecord()
        {
            Warn(new WKChannelKey(ChannelId, ChannelType));
            WKChannelInfo? sent = ApplyFlagChanges(ChannelId, ChannelType, Changes, Action);
            if (sent != null && PassThru)
            {
                WriteObject(sent);
            }
        }
    }
}
