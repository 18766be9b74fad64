using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannelWhitelist")]
    [OutputType(typeof(WKWhitelistEntry), typeof(WKChannelMember))]
    public sealed class GetWKChannelWhitelistCommand : WKChannelListReadCmdlet
    {
        /// <summary>Read the uids from the /cluster allowlist route (forwarded to the channel's slot leader) instead of the entries with times.</summary>
        [Parameter]
        public SwitchParameter UidOnly { get; set; }

        // GET /channel/whitelist gives ids and times; the /cluster allowlist route only uids, from the slot leader.
        protected override IEnumerable<object> ReadList(WKChannelKey channel) => UidOnly
            ? Members(channel, WKChannelList.Whitelist, Run(ct => Client.Channels.GetWhitelistAsync(channel.ChannelId, channel.ChannelType, ct)))
            : Run(ct => Client.Channels.GetWhitelistEntriesAsync(channel.ChannelId, channel.ChannelType, ct));
    }
}
