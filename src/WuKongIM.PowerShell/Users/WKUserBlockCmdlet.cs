using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Base of the cmdlets that read or write the module's block state file.</summary>
    public abstract class WKUserBlockCmdlet : WKApiCmdlet
    {
        /// <summary>The state file; defaults to $env:WUKONGIM_STATE_PATH, then WuKongIM/state.json in local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        private WKUserBlockManager? _manager;

        protected WKUserBlockManager Manager => _manager ??= new WKUserBlockManager(
            Client,
            // .NET resolves a relative path against the process directory, which Set-Location never changes: resolve it
            // against the current PowerShell location (and PowerShell drives) first.
            new WKBlockStateStore(SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath ?? WKBlockStateStore.DefaultPath(Environment.GetEnvironmentVariable))),
            () => DateTimeOffset.UtcNow);

        protected void WriteBlockResult(WKUserBlockResult result)
        {
            // The row first: the block is already applied, and under -Debug a non-interactive host fails every warning
            // (it cannot ask "Continue?"), which must not lose the row.
            WriteObject(result);
            foreach (string warning in result.Warnings)
            {
                try
                {
                    WriteWarning(warning);
                }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is System.Management.Automation.Host.HostException)
                {
                    break;
                }
            }
        }
    }
}
