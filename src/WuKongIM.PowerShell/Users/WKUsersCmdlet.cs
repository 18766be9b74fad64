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
        /// explicitly, and a what-if run always wins (it only reports), whether -WhatIf is on this command or on a caller.
        /// </summary>
        protected bool ShouldProcessOrForce(bool force, string target, string action)
        {
            if (WKForce.SkipsShouldProcess(force, MyInvocation.BoundParameters, () => GetVariableValue("WhatIfPreference")))
            {
                return true;
            }
            return ShouldProcess(target, action);
        }

        protected override bool IsItemFailure(Exception exception) => IsItemError(exception);
    }

    /// <summary>When -Force may skip ShouldProcess: plain code, so the rule is tested without an engine.</summary>
    public static class WKForce
    {
        /// <summary>
        /// True when -Force is given, -Confirm is not, and no what-if run is under way: neither -WhatIf on this command nor
        /// $WhatIfPreference, which a caller's -WhatIf sets for everything it runs (a function with SupportsShouldProcess,
        /// a script run with -WhatIf). An explicit -WhatIf:$false wins over the preference.
        /// </summary>
        public static bool SkipsShouldProcess(bool force, IDictionary<string, object> boundParameters, Func<object?> whatIfPreference)
        {
            if (!force || boundParameters.ContainsKey("Confirm"))
            {
                return false;
            }
            bool whatIf = boundParameters.TryGetValue("WhatIf", out object? w) ? IsOn(w) : IsOn(whatIfPreference());
            return !whatIf;
        }

        private static bool IsOn(object? value) => value is SwitchParameter s ? s.IsPresent : value is bool b && b;
    }

    /// <summary>
    /// Base of the cmdlets that take piped uids and send them in chunks through a <see cref="UidBatchRunner{TResult}"/>
    /// (Get-WKOnlineStatus, Add-/Remove-WKSystemUser): each uid is checked alone, N valid uids cost ceil(N / BatchSize)
    /// requests, a failed chunk is reported without stopping the others, and progress shows for large inputs.
    /// </summary>
    public abstract class WKUidBatchCmdlet<TResult> : WKUsersCmdlet
    {
        private UidBatchRunner<TResult>? _runner;
        private BulkProgress? _progress;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>How many uids one request carries.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected abstract UidBatchRunner<TResult> CreateRunner(WKClient client, int batchSize);

        /// <summary>The progress activity, e.g. "Adding system users".</summary>
        protected abstract string Activity { get; }

        /// <summary>The ShouldProcess action asked per uid, or null for cmdlets that change nothing.</summary>
        protected virtual string? ChangeAction => null;

        /// <summary>Writes one chunk's results; returns how many of its items failed.</summary>
        protected abstract int WriteChunk(IReadOnlyList<TResult> results, IReadOnlyList<string> chunk);

        protected override void BeginProcessing()
        {
            _runner = CreateRunner(Client, BatchSize);
            _progress = new BulkProgress(Activity);
        }

        protected override void ProcessRecord()
        {
            foreach (string uid in Uid)
            {
                IReadOnlyList<string>? chunk;
                try
                {
                    WKInputRules.Uid(uid);
                    if (ChangeAction != null && !ShouldProcess(uid, ChangeAction))
                    {
                        continue;
                    }
                    chunk = _runner!.Add(uid);
                }
                catch (WKValidationException ex)
                {
                    WriteWKError(ex, uid);
                    continue;
                }
                if (chunk != null)
                {
                    Send(chunk);
                }
            }
        }

        protected override void EndProcessing()
        {
            IReadOnlyList<string> rest = _runner!.Drain();
            if (rest.Count > 0)
            {
                Send(rest);
            }
            WriteBulkProgress(_progress!.Complete());
        }

        private void Send(IReadOnlyList<string> chunk)
        {
            int failed;
            try
            {
                failed = WriteChunk(Run(ct => _runner!.SendAsync(chunk, ct)), chunk);
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteWKError(ex, chunk);
                failed = chunk.Count;
            }
            WriteBulkProgress(_progress!.Advance(chunk.Count - failed, failed));
        }
    }

    /// <summary>
    /// Base of Add-/Remove-WKUserBlocklist and -Allowlist: piped uids are checked, buffered per owner in <see cref="OwnerBatch"/>
    /// and sent in chunks of BatchSize (one request each) with one <see cref="WKBulkItemResult"/> per listed uid; a failed
    /// chunk gives Failed rows and one error record. The Remove cmdlets' -All empties the whole list instead.
    /// </summary>
    public abstract class WKUserListChangeCmdlet : WKUsersCmdlet
    {
        private OwnerBatch? _batch;
        private BulkProgress? _progress;

        /// <summary>The user whose list changes.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        protected abstract WKUserListKind List { get; }

        /// <summary>True to add the uids, false to remove them.</summary>
        protected abstract bool Adding { get; }

        /// <summary>The listed uids of this record, and the name of the parameter they came from (for errors).</summary>
        protected abstract string[] ListedUids { get; }
        protected abstract string ListedParameterName { get; }

        protected abstract int ChunkSize { get; }

        /// <summary>True when -All asks to empty the whole list.</summary>
        protected virtual bool EmptyWholeList => false;

        /// <summary>With -All: skip the second confirmation.</summary>
        protected virtual bool ForceEmpty => false;

        private string ListName => List == WKUserListKind.Blocklist ? "blocklist" : "allowlist";

        private string Operation => (Adding ? "Add" : "Remove") + List;

        protected override void BeginProcessing()
        {
            if (!EmptyWholeList)
            {
                _batch = new OwnerBatch(ChunkSize);
                _progress = new BulkProgress((Adding ? "Adding to " : "Removing from ") + ListName);
            }
        }

        protected override void ProcessRecord()
        {
            if (EmptyWholeList)
            {
                EmptyList();
                return;
            }
            foreach (string listed in ListedUids)
            {
                KeyValuePair<string, IReadOnlyList<string>>? chunk;
                try
                {
                    WKInputRules.Uid(Uid, "Uid");
                    WKInputRules.Uid(listed, ListedParameterName);
                    if (!ShouldProcess(Uid + " -> " + listed, Adding ? "Add to " + ListName : "Remove from " + ListName))
                    {
                        continue;
                    }
                    chunk = _batch!.Add(Uid, listed, "Uid", ListedParameterName);
                }
                catch (WKValidationException ex)
                {
                    WriteWKError(ex, listed);
                    continue;
                }
                if (chunk.HasValue)
                {
                    Send(chunk.Value);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_batch == null)
            {
                return;
            }
            foreach (KeyValuePair<string, IReadOnlyList<string>> chunk in _batch.Drain())
            {
                Send(chunk);
            }
            WriteBulkProgress(_progress!.Complete());
        }

        private void EmptyList()
        {
            try
            {
                WKInputRules.Uid(Uid, "Uid");
                if (ShouldProcess(Uid, "Remove every uid from the " + ListName) && (ForceEmpty || ShouldContinue("Remove every uid from the " + ListName + " of '" + Uid + "'?", "Empty " + ListName)))
                {
                    WriteObject(Run(ct => new WKUserListOperations(Client).ClearAsync(Uid, List, ct)));
                }
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteWKError(ex, Uid);
            }
        }

        private void Send(KeyValuePair<string, IReadOnlyList<string>> chunk)
        {
            var lists = new WKUserListOperations(Client);
            IReadOnlyList<WKBulkItemResult> results = Run(ct => WKBulk.RunChunkAsync(WKBulkScope.UserList(Operation, chunk.Key), chunk.Value,
                c => Adding ? lists.AddAsync(chunk.Key, List, chunk.Value, c) : lists.RemoveAsync(chunk.Key, List, chunk.Value, c), ct));
            WriteBulkResults(results, chunk.Value, _progress);
        }
    }

    /// <summary>
    /// Base of Set-WKUserBlocklist and -Allowlist: piped uids are collected per owner, then each owner's list is replaced in
    /// one request at the end (an empty list clears it).
    /// </summary>
    public abstract class WKUserListReplaceCmdlet : WKUsersCmdlet
    {
        private readonly GroupedChunkBuffer<string, string> _lists = new GroupedChunkBuffer<string, string>(int.MaxValue, keyComparer: StringComparer.Ordinal);

        /// <summary>The user whose list is replaced.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        protected abstract WKUserListKind List { get; }
        protected abstract string[] ListedUids { get; }
        protected abstract string ListedParameterName { get; }

        protected override void ProcessRecord()
        {
            try
            {
                WKInputRules.Uid(Uid, "Uid");
                _lists.Touch(Uid);
                foreach (string listed in ListedUids)
                {
                    try
                    {
                        _lists.Add(Uid, WKInputRules.Uid(listed, ListedParameterName), out _);
                    }
                    catch (WKValidationException ex)
                    {
                        WriteWKError(ex, listed);
                    }
                }
            }
            catch (WKValidationException ex)
            {
                WriteWKError(ex, Uid);
            }
        }

        protected override void EndProcessing()
        {
            string listName = List == WKUserListKind.Blocklist ? "blocklist" : "allowlist";
            foreach (WKChunk<string, string> list in _lists.Drain())
            {
                try
                {
                    if (!ShouldProcess(list.Key, "Replace the " + listName + " with " + list.Items.Count + " uid(s)"))
                    {
                        continue;
                    }
                    foreach (WKBulkItemResult row in Run(ct => new WKUserListOperations(Client).SetAsync(list.Key, List, list.Items, ct)))
                    {
                        WriteObject(row);
                    }
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, list.Key);
                }
            }
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
            // .NET resolves a relative path against the process directory, which Set-Location never changes: resolve it
            // against the current PowerShell location (and PowerShell drives) first.
            new WKBlockStateStore(SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath ?? WKBlockStateStore.DefaultPath(Environment.GetEnvironmentVariable))),
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
