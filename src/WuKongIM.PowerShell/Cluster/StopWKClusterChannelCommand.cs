using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Unloads a channel's raft group from its leader (POST /cluster/channels/:id/:type/stop); the next message loads it again. Needs a manager login (Connect-WKServer -Credential) whose user has the 'w' permission on clusterchannelStop.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "WKClusterChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKChannelReplica))]
    public sealed class StopWKClusterChannelCommand : WKClusterChannelActionCmdlet
    {
        protected override string ActionText => "Stop the channel's raft group";

        protected override Task ActAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken) =>
            Client.Cluster.StopChannelAsync(channelId, channelType, cancellationToken);
    }
}
