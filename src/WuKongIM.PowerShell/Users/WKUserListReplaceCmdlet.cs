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
        private readonly WKUidInput _uids = new WKUidInput();
        private readonly GroupedChunkBuffer<string, string> _lists = new GroupedChunkBuffer<string, string>(int.MaxValue, keyComparer: StringComparer.Ordinal);
        // How many uids each owner's list was given, valid or not: given uids that were all refused never empty a list.
        private readonly Dictionary<string, long> _given = new Dictionary<string, long>(StringComparer.Ordinal);

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
            string owner = (Uid ?? string.Empty).Trim();
            RunItem(owner, () =>
            {
                WKInputRules.Uid(owner, "Uid");
                _lists.Touch(owner);
                _given.TryGetValue(owner, out long given);
                _given[owner] = given + ListedUids.Length;
                foreach (string raw in ListedUids)
                {
                    // Trimmed; a blank entry (an empty line of a file) is skipped and counted for one warning at the end.
                    string? listed = _uids.Clean(raw);
                    if (listed != null)
                    {
                        RunItem(listed, () => _lists.Add(owner, WKInputRules.Uid(listed, ListedParameterName), out _));
                    }
                }
            });
        }

        protected override void EndProcessing()
        {
            WriteBlankUidWarning(_uids);
            foreach (WKChunk<string, string> list in _lists.Drain())
            {
                RunItem(list.Key, () =>
                {
                    if (list.Items.Count == 0 && _given.TryGetValue(list.Key, out long given) && given > 0)
                    {
                        throw new WKInvalidInputException("WKReplaceWithoutValidUid",
                            "None of the " + given + " uid(s) given for " + list.Key + "'s " + ListName + " is valid, so the list was left as it is. Pass an empty array to empty it.", ListedParameterName, list.Key);
                    }
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
