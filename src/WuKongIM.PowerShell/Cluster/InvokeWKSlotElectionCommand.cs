using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Forces a leader election in a slot (POST /cluster/slots/:id/election). Needs a manager login (Connect-WKServer
    /// -Credential) whose user has the 'w' permission on slotElection.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WKSlotElection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKSlot))]
    public sealed class InvokeWKSlotElectionCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("slot_id", "Slot")]
        public uint SlotId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the slot as the cluster reports it afterwards (with its new leader).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string target = "slot " + SlotId.ToString(CultureInfo.InvariantCulture);
            RunItem(target, () =>
            {
                if (!ShouldProcessOrForce(Force, target, "Force a leader election"))
                {
                    return;
                }
                Run(ct => Client.Cluster.ElectSlotLeaderAsync(SlotId, ct));
                if (PassThru)
                {
                    WriteObject(Run(ct => Client.Cluster.GetAllSlotsAsync(ct)).FirstOrDefault(s => s.SlotId == SlotId));
                }
            });
        }
    }
}
