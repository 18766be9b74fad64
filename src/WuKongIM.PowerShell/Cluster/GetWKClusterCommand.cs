using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Reads the cluster configuration (/cluster/info): version, term, slot and replica counts, nodes and slots.</summary>
    [Cmdlet(VerbsCommon.Get, "WKCluster")]
    [OutputType(typeof(WKClusterInfo))]
    public sealed class GetWKClusterCommand : WKApiCmdlet
    {
        protected override void ProcessRecord()
        {
            RunItem(Client.BaseUri, () =>
            {
                WriteObject(Run(ct => Client.Cluster.GetInfoAsync(ct)));
            });
        }
    }
}
