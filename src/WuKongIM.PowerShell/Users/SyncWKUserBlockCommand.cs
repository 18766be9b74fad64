using System;
using System.Collections.Generic;
using System.Management.Automation;

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
            catch (Exception ex) when (IsItemError(ex))
            {
                ThrowWKError(ex, null);
                return;
            }
            foreach (WKBlockSyncStep step in steps)
            {
                try
                {
                    if (step.Action == "Lift" && !ShouldProcess(step.Record.Uid, "Lift expired block"))
                    {
                        continue;
                    }
                    if (step.Action == "Reapply" && !ShouldProcess(step.Record.Uid, "Re-apply missing ban"))
                    {
                        continue;
                    }
                    WriteBlockResult(Run(ct => Manager.ExecuteAsync(step, ct)));
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, step.Record.Uid);
                }
            }
        }
    }
}
