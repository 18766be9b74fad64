using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Moves a slot's replica from one node to another (POST /cluster/slots/:id/migrate). Needs a manager login
    /// (Connect-WKServer -Credential) whose user has the 'w' permission on slotMigrate.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "WKSlotReplica", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKSlot))]
    public sealed class MoveWKSlotReplicaCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("slot_id", "Slot")]
        public uint SlotId { get; set; }

        /// <summary>The node whose replica moves.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("MigrateFrom")]
        public ulong FromNodeId { get; set; }

        /// <summary>The node that receives it.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [Alias("MigrateTo")]
        public ulong ToNodeId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the slot as the cluster reports it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string target = "slot " + SlotId.ToString(CultureInfo.InvariantCulture);
            string action = "Move the replica on node " + FromNodeId.ToString(CultureInfo.InvariantCulture) + " to node " + ToNodeId.ToString(CultureInfo.InvariantCulture);
            RunItem(target, () =>
            {
                if (!ShouldProcessOrForce(Force, target, action))
                {
                    return;
                }
                Run(ct => Client.Cluster.MigrateSlotAsync(SlotId, FromNodeId, ToNodeId, ct));
                if (PassThru)
                {
                    WriteObject(Run(ct => Client.Cluster.GetAllSlotsAsync(ct)).FirstOrDefault(s => s.SlotId == SlotId));
                }
            });
        }
    }
}
