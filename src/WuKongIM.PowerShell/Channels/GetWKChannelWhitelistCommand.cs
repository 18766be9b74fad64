using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannelWhitelist")]
    [OutputType(typeof(WKWhitelistEntry))]
    public sealed class GetWKChannelWhitelistCommand : WKChannelListReadCmdlet
    {
        // GET /channel/whitelist gives ids and times; the /cluster allowlist route only uids.
        protected override IEnumerable<object> ReadList(WKChannelKey channel) =>
            Run(ct => Client.Channels.GetWhitelistEntriesAsync(channel.ChannelId, channel.ChannelType, ct));
    }
}
