using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// For a scheduled task: lifts recorded blocks whose end time has passed and re-applies recorded bans that are missing
    /// on the server (unless -SkipReapply).
    /// </summary>
    [Cmdlet(VerbsData.Sync, "WKUserBlock", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserBlockResult))]
    public sealed class SyncWKUserBlockCommand : WKUserBlockCmdlet
    {
        /// <summary>Only report missing bans (Action BanMissing) instead of re-applying them.</summary>
        [Parameter]
        public SwitchParameter SkipReapply { get; set; }

        protected override void ProcessRecord()
        {
            IReadOnlyList<WKBlockSyncStep> steps;
            try
            {
                steps = Run(ct => Manager.PlanSyncAsync(!SkipReapply, ct));
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                // Kept as a catch: without the plan there is nothing to go on with, so this failure ends the command.
                ThrowWKError(ex, null);
                return;
            }
            foreach (WKBlockSyncStep step in steps)
            {
                RunItem(step.Record.Uid, () =>
                {
                    if (step.Action == WKBlockSyncAction.Lift && !ShouldProcess(step.Record.Uid, "Lift expired block"))
                    {
                        return;
                    }
                    if (step.Action == WKBlockSyncAction.Reapply && !ShouldProcess(step.Record.Uid, "Re-apply missing ban"))
                    {
                        return;
                    }
                    WriteBlockResult(Run(ct => Manager.ExecuteAsync(step, ct)));
                });
            }
        }
    }
}
