using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes uids from a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Remove, "WKUserAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ListedSet)]
    [OutputType(typeof(WKUserResult))]
    public sealed class RemoveWKUserAllowlistCommand : WKUsersCmdlet
    {
        private const string ListedSet = "Listed";
        private const string AllSet = "All";
        private const string Action = "RemoveAllowlist";
        private OwnerBatch? _batch;

        /// <summary>The user whose allowlist changes.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ListedSet)]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] AllowedUid { get; set; } = new string[0];

        [Parameter(ParameterSetName = ListedSet)]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        /// <summary>Empty the whole list (asks again unless -Force).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        [Parameter(ParameterSetName = AllSet)]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            if (ParameterSetName != AllSet)
            {
                _batch = new OwnerBatch(BatchSize);
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == AllSet)
            {
                try
                {
                    WKInputRules.Uid(Uid, "Uid");
                    if (ShouldProcess(Uid, "Remove every uid from the allowlist") && (Force || ShouldContinue("Remove every uid from the allowlist of '" + Uid + "'?", "Empty allowlist")))
                    {
                        WriteObject(Run(ct => new WKUserListOperations(Client).ClearAsync(Uid, WKUserListKind.Allowlist, ct)));
                    }
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, Uid);
                }
                return;
            }
            foreach (string listed in AllowedUid)
            {
                KeyValuePair<string, IReadOnlyList<string>>? chunk;
                try
                {
                    WKInputRules.Uid(Uid, "Uid");
                    WKInputRules.Uid(listed, "AllowedUid");
                    if (!ShouldProcess(Uid + " -> " + listed, "Remove from allowlist"))
                    {
                        continue;
                    }
                    chunk = _batch!.Add(Uid, listed, "Uid", "AllowedUid");
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
            foreach (KeyValuePair<string, IReadOnlyList<string>> chunk in _batch!.Drain())
            {
                Send(chunk);
            }
        }

        private void Send(KeyValuePair<string, IReadOnlyList<string>> chunk)
        {
            try
            {
                WriteResults(Run(ct => new WKUserListOperations(Client).RemoveAsync(chunk.Key, WKUserListKind.Allowlist, chunk.Value, ct)));
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteChunkFailure(ex, chunk.Value, Action, chunk.Key);
            }
        }
    }
}
