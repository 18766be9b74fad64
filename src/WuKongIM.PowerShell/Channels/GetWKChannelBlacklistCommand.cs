using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannelBlacklist")]
    [OutputType(typeof(WKChannelMember))]
    public sealed class GetWKChannelBlacklistCommand : WKChannelListReadCmdlet
    {
        protected override IEnumerable<object> ReadList(WKChannelKey channel)
        {
            WKChannelValidation.RequireChannel(channel.ChannelId, channel.ChannelType, specialCharacters: false);
            return Members(channel, WKChannelList.Blacklist, Run(ct => Client.Channels.GetBlacklistAsync(channel.ChannelId, channel.ChannelType, ct)));
        }
    }
}
