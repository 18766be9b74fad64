using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Shared plumbing of the Users and Connections cmdlets: which errors are per item, -Force with -WhatIf, paging windows.</summary>
    public abstract class WKUsersCmdlet : WKApiCmdlet
    {
        /// <summary>Failures that concern one input item (the pipeline goes on with the next one).</summary>
        protected static bool IsItemError(Exception ex) =>
            ex is WKApiException || ex is WKValidationException || ex is WKUserManagementException || ex is IOException || ex is UnauthorizedAccessException;

        /// <summary>
        /// ShouldProcess for ConfirmImpact=High cmdlets with -Force: -Force skips the prompt unless -Confirm is given
        /// explicitly, and -WhatIf always wins (it only reports).
        /// </summary>
        protected bool ShouldProcessOrForce(bool force, string target, string action)
        {
            Dictionary<string, object> bound = MyInvocation.BoundParameters;
            bool whatIf = bound.TryGetValue("WhatIf", out object? w) && w is SwitchParameter ws && ws.IsPresent;
            if (force && !whatIf && !bound.ContainsKey("Confirm"))
            {
                return true;
            }
            return ShouldProcess(target, action);
        }

        /// <summary>Writes per-item result rows (the error records of a failed chunk come from WriteChunkFailure).</summary>
        protected void WriteResults(IEnumerable<WKUserResult> results)
        {
            foreach (WKUserResult result in results)
            {
                WriteObject(result);
            }
        }

        /// <summary>A failed chunk: one error record for the request, and one Failed row per uid so nothing goes unreported.</summary>
        protected void WriteChunkFailure(Exception ex, IReadOnlyList<string> chunk, string action, string? ownerUid = null)
        {
            WriteWKError(ex, chunk);
            WriteResults(UidBatchRunner<WKUserResult>.Failed(chunk, action, ex, ownerUid));
        }
    }

    /// <summary>Base of the cmdlets that read or write the module's block state file.</summary>
    public abstract class WKUserBlockCmdlet : WKUsersCmdlet
    {
        /// <summary>The state file; defaults to $env:WUKONGIM_STATE_PATH, then WuKongIM/state.json in local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        private WKUserBlockManager? _manager;

        protected WKUserBlockManager Manager => _manager ??= new WKUserBlockManager(
            Client,
            new WKBlockStateStore(StatePath ?? WKBlockStateStore.DefaultPath(Environment.GetEnvironmentVariable)),
            () => DateTimeOffset.UtcNow);

        protected void WriteBlockResult(WKUserBlockResult result)
        {
            foreach (string warning in result.Warnings)
            {
                WriteWarning(warning);
            }
            WriteObject(result);
        }
    }

    /// <summary>Applies -Skip and -First to rows that arrive page by page.</summary>
    public sealed class PagingWindow
    {
        private readonly ulong _skip;
        private readonly ulong _first;
        private ulong _seen;
        private ulong _written;

        public PagingWindow(ulong skip, ulong first)
        {
            _skip = skip;
            _first = first;
        }

        /// <summary>True once -First rows were written: stop asking the server for more.</summary>
        public bool Done => _written >= _first;

        /// <summary>True when this row is inside the window (and counts it).</summary>
        public bool Take()
        {
            _seen++;
            if (_seen <= _skip || Done)
            {
                return false;
            }
            _written++;
            return true;
        }
    }
}
