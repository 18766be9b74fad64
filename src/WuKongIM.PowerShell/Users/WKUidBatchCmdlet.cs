using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Base of the cmdlets that take piped uids and send them in chunks through a <see cref="UidBatchRunner{TResult}"/>
    /// (Get-WKOnlineStatus, Add-/Remove-WKSystemUser): each uid is checked alone, N valid uids cost ceil(N / BatchSize)
    /// requests, a failed chunk is reported without stopping the others, and progress shows for large inputs.
    /// </summary>
    public abstract class WKUidBatchCmdlet<TResult> : WKApiCmdlet
    {
        private UidBatchRunner<TResult>? _runner;
        private BulkProgress? _progress;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
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
            int failed = chunk.Count;
            RunItem(chunk, () => failed = WriteChunk(Run(ct => _runner!.SendAsync(chunk, ct)), chunk));
            WriteBulkProgress(_progress!.Advance(chunk.Count - failed, failed));
        }
    }
}
