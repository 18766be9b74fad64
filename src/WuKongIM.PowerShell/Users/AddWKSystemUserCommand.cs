using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Makes uids system users (POST /user/systemuids_add, batched): their sends bypass subscriber and list checks.</summary>
    [Cmdlet(VerbsCommon.Add, "WKSystemUser", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserResult))]
    public sealed class AddWKSystemUserCommand : WKUsersCmdlet
    {
        private const string Action = "AddSystemUser";
        private UidBatchRunner<WKUserResult>? _runner;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        public string[] Uid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override void BeginProcessing() =>
            _runner = WKUserBatches.SystemUsers(Client, BatchSize, add: true);

        protected override void ProcessRecord()
        {
            foreach (string uid in Uid)
            {
                IReadOnlyList<string>? chunk;
                try
                {
                    WKInputRules.Uid(uid);
                    if (!ShouldProcess(uid, "Add system user"))
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
        }

        private void Send(IReadOnlyList<string> chunk)
        {
            try
            {
                WriteResults(Run(ct => _runner!.SendAsync(chunk, ct)));
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteChunkFailure(ex, chunk, Action);
            }
        }
    }
}
