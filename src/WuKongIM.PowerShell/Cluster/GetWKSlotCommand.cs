using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Lists the cluster's slots (/cluster/allslot), or with -Local this node's view of them (/cluster/slots), optionally
    /// with each slot's raft indexes (-IncludeConfig) and replicas (-IncludeReplica).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKSlot")]
    [OutputType(typeof(WKSlot))]
    public sealed class GetWKSlotCommand : WKApiCmdlet
    {
        private IReadOnlyList<WKSlot>? _all;

        /// <summary>Only these slots; every slot when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("slot_id", "Slot")]
        public uint[]? SlotId { get; set; }

        /// <summary>Only slots led by this node.</summary>
        [Parameter]
        [Alias("leader_id")]
        public ulong? LeaderId { get; set; }

        /// <summary>The node answering's own view (/cluster/slots) instead of the config leader's.</summary>
        [Parameter]
        public SwitchParameter Local { get; set; }

        /// <summary>Adds each slot's raft indexes (/cluster/slots/:id/config) in its Config property.</summary>
        [Parameter]
        public SwitchParameter IncludeConfig { get; set; }

        /// <summary>Adds each slot's replicas (/cluster/slots/:id/replicas) in its ReplicaDetails property.</summary>
        [Parameter]
        public SwitchParameter IncludeReplica { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(SlotId, () =>
            {
                // The full list is read once (piped ids share it): it tells which ids exist, so an unknown one is reported
                // on its own instead of failing the whole /cluster/slots call, and the config route (which crashes on an
                // unknown id) is only asked about slots that exist.
                _all ??= Run(ct => Client.Cluster.GetAllSlotsAsync(ct));
                var wanted = new List<WKSlot>();
                if (SlotId == null || SlotId.Length == 0)
                {
                    wanted.AddRange(_all);
                }
                else
                {
                    foreach (uint id in SlotId)
                    {
                        WKSlot? slot = _all.FirstOrDefault(s => s.SlotId == id);
                        if (slot == null)
                        {
                            WriteWKError(new WKApiException(WKErrorKind.NotFound, "GET", "/cluster/allslot", null, null, "slot not found",
                                "slot ids run from 0 to " + (_all.Count - 1).ToString(CultureInfo.InvariantCulture)), id);
                            continue;
                        }
                        wanted.Add(slot);
                    }
                }
                if (Local && wanted.Count > 0)
                {
                    uint[] ids = wanted.Select(s => s.SlotId).ToArray();
                    wanted = Run(ct => Client.Cluster.GetSlotsAsync(ids, ct)).ToList();
                }
                foreach (WKSlot slot in wanted)
                {
                    if (LeaderId.HasValue && slot.LeaderId != LeaderId.Value)
                    {
                        continue;
                    }
                    if (IncludeConfig)
                    {
                        slot.Config = Run(ct => Client.Cluster.GetSlotConfigAsync(slot.SlotId, checkExists: false, ct));
                    }
                    if (IncludeReplica)
                    {
                        slot.ReplicaDetails = Run(ct => Client.Cluster.GetSlotReplicasAsync(slot.SlotId, ct)).ToArray();
                    }
                    WriteObject(slot);
                }
            });
        }
    }
}
