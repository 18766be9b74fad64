using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Adds uids to a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Add, "WKUserBlocklist", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserResult))]
    public sealed class AddWKUserBlocklistCommand : WKUsersCmdlet
    {
        private const string Action = "AddBlocklist";
        private OwnerBatch? _batch;

        /// <summary>The user whose blocklist changes.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] BlockedUid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override void BeginProcessing()
        {
            if (ParameterSetName != "All")
            {
                _batch = new OwnerBatch(BatchSize);
            }
        }

        protected override void ProcessRecord()
        {
            foreach (string listed in BlockedUid)
            {
                KeyValuePair<string, IReadOnlyList<string>>? chunk;
                try
                {
                    WKInputRules.Uid(Uid, "Uid");
                    WKInputRules.Uid(listed, "BlockedUid");
                    if (!ShouldProcess(Uid + " -> " + listed, "Add to blocklist"))
                    {
                        continue;
                    }
                    chunk = _batch!.Add(Uid, listed, "Uid", "BlockedUid");
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
                WriteResults(Run(ct => new WKUserListOperations(Client).AddAsync(chunk.Key, WKUserListKind.Blocklist, chunk.Value, ct)));
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteChunkFailure(ex, chunk.Value, Action, chunk.Key);
            }
        }
    }
}
