using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Base of Set-WKUserBlocklist and -Allowlist: piped uids are collected per owner, then each owner's list is replaced in
    /// one request at the end (an empty list clears it).
    /// </summary>
    public abstract class WKUserListReplaceCmdlet : WKUserListCmdlet
    {
        private readonly GroupedChunkBuffer<string, string> _lists = new GroupedChunkBuffer<string, string>(int.MaxValue, keyComparer: StringComparer.Ordinal);

        /// <summary>The user whose list is replaced.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        protected abstract string[] ListedUids { get; }
        protected abstract string ListedParameterName { get; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid, "Uid");
                _lists.Touch(Uid);
                foreach (string listed in ListedUids)
                {
                    RunItem(listed, () => _lists.Add(Uid, WKInputRules.Uid(listed, ListedParameterName), out _));
                }
            });
        }

        protected override void EndProcessing()
        {
            foreach (WKChunk<string, string> list in _lists.Drain())
            {
                RunItem(list.Key, () =>
                {
                    if (!ShouldProcess(list.Key, "Replace the " + ListName + " with " + list.Items.Count + " uid(s)"))
                    {
                        return;
                    }
                    foreach (WKBulkItemResult row in Run(ct => new WKUserListOperations(Client).SetAsync(list.Key, List, list.Items, ct)))
                    {
                        WriteObject(row);
                    }
                });
            }
        }
    }
}
