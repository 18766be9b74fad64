using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Remove, "WKChannelBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = UidSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class RemoveWKChannelBlacklistCommand : WKChannelUidBulkCmdlet
    {
        private const string AllSet = "All";

        /// <summary>Empty the whole list in one request.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Do not ask for confirmation, for the listed uids and with -All.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool ForceGiven => Force;

        protected override string Operation => "RemoveBlacklist";
        protected override string Action => "Remove from the blacklist";
        protected override string Noun => "blacklisted uids";

        protected override Task SendAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken) =>
            Client.Channels.RemoveBlacklistAsync(channel.ChannelId, channel.ChannelType, uids, cancellationToken);

        protected override void ProcessRecord()
        {
            if (ParameterSetName != AllSet)
            {
                base.ProcessRecord();
                return;
            }
            var channel = new WKChannelKey(ChannelId, ChannelType);
            RemoveEntireList(channel, "blacklist", Force, ct => Client.Channels.RemoveAllBlacklistAsync(channel.ChannelId, channel.ChannelType, ct));
        }
    }
}
