using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKServerStatus")]
    [OutputType(typeof(WKServerStatus))]
    public sealed class GetWKServerStatusCommand : WKApiCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("node_id")]
        public ulong? NodeId { get; set; }

        /// <summary>Include the node's authenticated connections (show=conn).</summary>
        [Parameter]
        public SwitchParameter IncludeConnection { get; set; }

        [Parameter]
        [ValidateRange(1, 100000)]
        public int ConnectionLimit { get; set; } = 20;

        protected override void ProcessRecord()
        {
            RunItem(NodeId, () =>
            {
                WriteObject(Run(ct => Client.Server.GetStatusAsync(NodeId, IncludeConnection, IncludeConnection ? ConnectionLimit : (int?)null, ct)));
            });
        }
    }
}
