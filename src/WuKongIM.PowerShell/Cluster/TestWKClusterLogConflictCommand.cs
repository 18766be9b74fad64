using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Asks the node to check the nodes' raft logs for conflicts (/cluster/devtools/checkLogConflict). WuKongIM v2.2.5 ships
    /// the check commented out and answers with an empty body: the result then says Checked = False, with a warning, so
    /// that nobody reads the silence as "no conflict".
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "WKClusterLogConflict")]
    [OutputType(typeof(WKClusterLogConflictCheck))]
    public sealed class TestWKClusterLogConflictCommand : WKApiCmdlet
    {
        [Parameter(Position = 0)]
        public WKClusterLogType LogType { get; set; } = WKClusterLogType.Config;

        /// <summary>The log index to start from; 0 (the default) starts at the newest entry.</summary>
        [Parameter]
        [Alias("start_log_index")]
        public ulong StartLogIndex { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(LogType, () =>
            {
                WKClusterLogConflictCheck result = Run(ct => Client.Cluster.CheckLogConflictAsync(LogType, StartLogIndex, ct));
                if (!result.Checked)
                {
                    WriteWarning("The server ran no log conflict check: it answered with an empty body, as WuKongIM v2.2.5 always does (the check is disabled in its source). This is not a finding that the logs agree.");
                }
                WriteObject(result);
            });
        }
    }
}
