using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes uids from the system users (POST /user/systemuids_remove, batched).</summary>
    [Cmdlet(VerbsCommon.Remove, "WKSystemUser", SupportsShouldProcess = true)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class RemoveWKSystemUserCommand : WKUidBatchCmdlet<WKBulkItemResult>
    {
        protected override string Activity => "Removing system users";

        protected override string? ChangeAction => "Remove system user";

        protected override UidBatchRunner<WKBulkItemResult> CreateRunner(WKClient client, int batchSize) =>
            WKUserBatches.SystemUsers(client, batchSize, add: false);

        protected override int WriteChunk(IReadOnlyList<WKBulkItemResult> results, IReadOnlyList<string> chunk) => WriteBulkResults(results, chunk, null);
    }
}
