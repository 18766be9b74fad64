using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Base of Add-/Remove-WKUserBlocklist and -Allowlist: piped uids are checked, buffered per owner in <see cref="OwnerBatch"/>
    /// and sent in chunks of BatchSize (one request each) with one <see cref="WKBulkItemResult"/> per listed uid; a failed
    /// chunk gives Failed rows and one error record. The Remove cmdlets' -All empties the whole list instead.
    /// </summary>
    public abstract class WKUserListChangeCmdlet : WKUserListCmdlet
    {
        private OwnerBatch? _batch;
        private BulkProgress? _progress;

        /// <summary>The user whose list changes.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>True to add the uids, false to remove them.</summary>
        protected abstract bool Adding { get; }

        /// <summary>The listed uids of this record, and the name of the parameter they came from (for errors).</summary>
        protected abstract string[] ListedUids { get; }
        protected abstract string ListedParameterName { get; }

        protected abstract int ChunkSize { get; }

        /// <summary>True when -All asks to empty the whole list.</summary>
        protected virtual bool EmptyWholeList => false;

        /// <summary>-Force of the Remove cmdlets: no confirmation, for the listed uids and with -All (Add has no -Force).</summary>
        protected virtual bool ForceGiven => false;

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
                    if (!ShouldProcessOrForce(ForceGiven, Uid + " -> " + listed, Adding ? "Add to " + ListName : "Remove from " + ListName))
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
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid, "Uid");
                if (ShouldProcessAsHighImpact(ForceGiven, Uid, "Remove every uid from the " + ListName, "Remove every uid from the " + ListName + " of '" + Uid + "'?", "Empty " + ListName))
                {
                    WriteObject(Run(ct => new WKUserListOperations(Client).ClearAsync(Uid, List, ct)));
                }
            });
        }

        private void Send(KeyValuePair<string, IReadOnlyList<string>> chunk)
        {
            var lists = new WKUserListOperations(Client);
            IReadOnlyList<WKBulkItemResult> results = Run(ct => WKBulk.RunChunkAsync(WKBulkScope.UserList(Operation, chunk.Key), chunk.Value,
                c => Adding ? lists.AddAsync(chunk.Key, List, chunk.Value, c) : lists.RemoveAsync(chunk.Key, List, chunk.Value, c), ct));
            WriteBulkResults(results, chunk.Value, _progress);
        }
    }
}
