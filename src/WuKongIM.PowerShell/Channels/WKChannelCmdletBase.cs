using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Helpers shared by the Channels cmdlets.</summary>
    public abstract class WKChannelCmdletBase : WKApiCmdlet
    {
        /// <summary>True when the caller named the parameter (so <c>-Ban:$false</c> differs from leaving -Ban out).</summary>
        protected bool? Named(string parameterName, SwitchParameter value) =>
            MyInvocation.BoundParameters.ContainsKey(parameterName) ? value.IsPresent : (bool?)null;

        /// <summary>Writes what a flag plan will do: a warning for flags that will be reset blindly, verbose for remembered ones.</summary>
        protected void ReportFlagPlan(WKChannelFlagPlan plan)
        {
            var key = new WKChannelKey(plan.Info.ChannelId, plan.Info.ChannelType);
            if (plan.UnknownFlags.Count > 0)
            {
                WriteWarning(key + ": the server does not let anyone read " + string.Join(", ", plan.UnknownFlags) +
                    ", and POST /channel/info overwrites every flag, so these will be sent as 0 (off). Name them (for example -" + plan.UnknownFlags[0] + ") to keep them on.");
            }
            if (plan.RememberedFlags.Count > 0)
            {
                WriteVerbose(key + ": " + string.Join(", ", plan.RememberedFlags) + " are sent as this session last wrote them.");
            }
        }

        /// <summary>The -All path of the Remove cmdlets: one request that empties the list, confirmed as a ConfirmImpact High change.</summary>
        protected void RemoveEntireList(WKChannelKey channel, string listName, bool force, Func<CancellationToken, Task> call)
        {
            if (!ShouldProcessAsHighImpact(force, channel + ": every uid on the " + listName, "Remove all",
                "Remove every uid from the " + listName + " of " + channel + "?", "Empty the " + listName))
            {
                return;
            }
            RunItem(channel, () =>
            {
                Run(call);
            });
        }

        /// <summary>The result row of a uid given again for the same channel: it is sent once, and this row says so.</summary>
        protected static WKBulkItemResult RepeatedUid(string operation, WKChannelKey channel, string uid) =>
            new WKBulkItemResult(operation, channel.ChannelId, channel.ChannelType, uid, WKBulkItemStatus.Skipped, "repeated: this uid was already given for the channel and is sent once");

        /// <summary>The checks for a subscriber list: no special characters, and never a person channel.</summary>
        protected static void RequireSubscriberChannel(WKChannelKey channel)
        {
            WKChannelValidation.RequireChannel(channel.ChannelId, channel.ChannelType, specialCharacters: true);
            if (channel.ChannelType == WKChannelType.Person)
            {
                throw WKChannelValidation.PersonHasNoSubscribers(channel.ChannelId);
            }
        }

        /// <summary>Reads the channel, merges the named flag changes, asks, and sends POST /channel/info. Returns the sent flags, or null.</summary>
        protected WKChannelInfo? ApplyFlagChanges(string channelId, WKChannelType channelType, WKChannelFlagChanges changes, string action)
        {
            var key = new WKChannelKey(channelId, channelType);
            WKChannelInfo? sent = null;
            RunItem(key, () =>
            {
                WKChannelFlagPlan plan = Run(ct => Client.Channels.PlanFlagUpdateAsync(channelId, channelType, changes, ct));
                ReportFlagPlan(plan);
                if (!ShouldProcess(key + " -> " + WKChannelFlagMerge.Describe(plan.Info), action))
                {
                    return;
                }
                Run(ct => Client.Channels.SetChannelInfoAsync(plan.Info, ct));
                sent = plan.Info;
            });
            return sent;
        }
    }
}
