using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Loads (wakes) a channel's raft group on its leader (POST /cluster/channels/:id/:type/start). Needs a manager login (Connect-WKServer -Credential) whose user has the 'w' permission on clusterchannelStart.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "WKClusterChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKChannelReplica))]
    public sealed class StartWKClusterChannelCommand : WKClusterChannelActionCmdlet
    {
        protected override string ActionText => "Start the channel's raft group";

        protected override Task ActAsync(string channelId, WKChannelType channelType, CancellationToken cancellationToken) =>
            Client.Cluster.StartChannelAsync(channelId, channelType, cancellationToken);
    }
}
