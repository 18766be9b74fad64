using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes uids from a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Remove, "WKUserBlocklist", SupportsShouldProcess = true, DefaultParameterSetName = ListedSet)]
    [OutputType(typeof(WKUserResult))]
    public sealed class RemoveWKUserBlocklistCommand : WKUsersCmdlet
    {
        private const string ListedSet = "Listed";
        private const string AllSet = "All";
        private const string Action = "RemoveBlocklist";
        private OwnerBatch? _batch;

        /// <summary>The user whose blocklist changes.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ListedSet)]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] BlockedUid { get; set; } = new string[0];

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
                    if (ShouldProcess(Uid, "Remove every uid from the blocklist") && (Force || ShouldContinue("Remove every uid from the blocklist of '" + Uid + "'?", "Empty blocklist")))
                    {
                        WriteObject(Run(ct => new WKUserListOperations(Client).ClearAsync(Uid, WKUserListKind.Blocklist, ct)));
                    }
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, Uid);
                }
                return;
            }
            foreach (string listed in BlockedUid)
            {
                KeyValuePair<string, IReadOnlyList<string>>? chunk;
                try
                {
                    WKInputRules.Uid(Uid, "Uid");
                    WKInputRules.Uid(listed, "BlockedUid");
                    if (!ShouldProcess(Uid + " -> " + listed, "Remove from blocklist"))
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
                WriteResults(Run(ct => new WKUserListOperations(Client).RemoveAsync(chunk.Key, WKUserListKind.Blocklist, chunk.Value, ct)));
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteChunkFailure(ex, chunk.Value, Action, chunk.Key);
            }
        }
    }
}
