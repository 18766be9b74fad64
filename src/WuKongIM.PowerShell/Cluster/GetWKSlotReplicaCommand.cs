using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists a slot's replicas with their roles and log positions (/cluster/slots/:id/replicas), or with -Local the node answering's own replica.</summary>
    [Cmdlet(VerbsCommon.Get, "WKSlotReplica")]
    [OutputType(typeof(WKSlotReplica))]
    public sealed class GetWKSlotReplicaCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("slot_id", "Slot")]
        public uint SlotId { get; set; }

        /// <summary>Only the replica on the node the session is connected to (/cluster/slots/:id/localReplica).</summary>
        [Parameter]
        public SwitchParameter Local { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(SlotId, () =>
            {
                if (Local)
                {
                    WriteObject(Run(ct => Client.Cluster.GetSlotLocalReplicaAsync(SlotId, ct)));
                }
                else
                {
                    WriteObject(Run(ct => Client.Cluster.GetSlotReplicasAsync(SlotId, ct)), enumerateCollection: true);
                }
            });
        }
    }
}
