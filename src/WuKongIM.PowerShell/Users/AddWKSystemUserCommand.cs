using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Makes uids system users (POST /user/systemuids_add, batched): their sends bypass subscriber and list checks.</summary>
    [Cmdlet(VerbsCommon.Add, "WKSystemUser", SupportsShouldProcess = true)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class AddWKSystemUserCommand : WKUidBatchCmdlet<WKBulkItemResult>
    {
        protected override string Activity => "Adding system users";

        protected override string? ChangeAction => "Add system user";

        protected override UidBatchRunner<WKBulkItemResult> CreateRunner(WKClient client, int batchSize) =>
            WKUserBatches.SystemUsers(client, batchSize, add: true);

        protected override int WriteChunk(IReadOnlyList<WKBulkItemResult> results, IReadOnlyList<string> chunk) => WriteBulkResults(results, chunk, null);
    }
}
