using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Adds uids to a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Add, "WKUserAllowlist", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserResult))]
    public sealed class AddWKUserAllowlistCommand : WKUsersCmdlet
    {
        private const string AllowlistWarning = "A user's allowlist is enforced only when the WuKongIM server runs with whitelistOffOfPerson: false; the default (true) ignores it, and the API cannot read the setting.";
        private const string Action = "AddAllowlist";
        private OwnerBatch? _batch;

        /// <summary>The user whose allowlist changes.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] AllowedUid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override void BeginProcessing()
        {
            WriteWarning(AllowlistWarning);
            if (ParameterSetName != "All")
            {
                _batch = new OwnerBatch(BatchSize);
            }
        }

        protected override void ProcessRecord()
        {
            foreach (string listed in AllowedUid)
            {
                KeyValuePair<string, IReadOnlyList<string>>? chunk;
                try
                {
                    WKInputRules.Uid(Uid, "Uid");
                    WKInputRules.Uid(listed, "AllowedUid");
                    if (!ShouldProcess(Uid + " -> " + listed, "Add to allowlist"))
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
            foreach (KeyValuePair<string, IReadOnlyList<string>> chunk in _batch!.Drain())
            {
                Send(chunk);
            }
        }

        private void Send(KeyValuePair<string, IReadOnlyList<string>> chunk)
        {
            try
            {
                WriteResults(Run(ct => new WKUserListOperations(Client).AddAsync(chunk.Key, WKUserListKind.Allowlist, chunk.Value, ct)));
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteChunkFailure(ex, chunk.Value, Action, chunk.Key);
            }
        }
    }
}
