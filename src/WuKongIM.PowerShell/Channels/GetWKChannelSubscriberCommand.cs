using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannelSubscriber")]
    [OutputType(typeof(WKChannelMember))]
    public sealed class GetWKChannelSubscriberCommand : WKChannelListReadCmdlet
    {
        protected override IEnumerable<object> ReadList(WKChannelKey channel)
        {
            RequireSubscriberChannel(channel);
            return Members(channel, WKChannelList.Subscribers, Run(ct => Client.Channels.GetSubscribersAsync(channel.ChannelId, channel.ChannelType, ct)));
        }
    }
}
