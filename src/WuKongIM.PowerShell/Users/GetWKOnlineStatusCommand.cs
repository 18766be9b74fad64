using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Online status of users (POST /user/onlinestatus, batched): one row per uid asked, offline ones included.</summary>
    [Cmdlet(VerbsCommon.Get, "WKOnlineStatus")]
    [OutputType(typeof(WKOnlineStatus))]
    public sealed class GetWKOnlineStatusCommand : WKUsersCmdlet
    {
        private UidBatchRunner<WKOnlineStatus>? _runner;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        public string[] Uid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override void BeginProcessing() =>
            _runner = WKUserBatches.OnlineStatus(Client, BatchSize);

        protected override void ProcessRecord()
        {
            foreach (string uid in Uid)
            {
                IReadOnlyList<string>? chunk;
                try
                {
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
                foreach (WKOnlineStatus status in Run(ct => _runner!.SendAsync(chunk, ct)))
                {
                    WriteObject(status);
                }
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteWKError(ex, chunk);
            }
        }
    }
}
