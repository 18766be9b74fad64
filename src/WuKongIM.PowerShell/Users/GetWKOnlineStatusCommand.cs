using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Online status of users (POST /user/onlinestatus, batched): one row per uid asked, offline ones included.</summary>
    [Cmdlet(VerbsCommon.Get, "WKOnlineStatus")]
    [OutputType(typeof(WKOnlineStatus))]
    public sealed class GetWKOnlineStatusCommand : WKUidBatchCmdlet<WKOnlineStatus>
    {
        protected override string Activity => "Getting online status";

        protected override UidBatchRunner<WKOnlineStatus> CreateRunner(WKClient client, int batchSize) => WKUserBatches.OnlineStatus(client, batchSize);

        protected override int WriteChunk(IReadOnlyList<WKOnlineStatus> results, IReadOnlyList<string> chunk)
        {
            foreach (WKOnlineStatus status in results)
            {
                WriteObject(status);
            }
            return 0;
        }
    }
}
