using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>The batch runners of the bulk user cmdlets, built in one place so scripts and tests run exactly what the cmdlets run.</summary>
    public static class WKUserBatches
    {
        /// <summary>One row per distinct uid over the whole run, whichever batch a repeat falls into.</summary>
        public static UidBatchRunner<WKOnlineStatus> OnlineStatus(WKClient client, int batchSize) =>
            new UidBatchRunner<WKOnlineStatus>(batchSize, (chunk, ct) => client.Users.GetOnlineStatusAsync(new List<string>(chunk), ct), dropDuplicates: true);

        /// <summary>One result per uid; a failed request gives Failed rows with the server's reason (it does not throw).</summary>
        public static UidBatchRunner<WKBulkItemResult> SystemUsers(WKClient client, int batchSize, bool add)
        {
            WKBulkScope scope = WKBulkScope.Server(add ? "AddSystemUser" : "RemoveSystemUser");
            return new UidBatchRunner<WKBulkItemResult>(batchSize, (chunk, ct) => WKBulk.RunChunkAsync(scope, chunk, c => add
                ? client.Users.AddSystemUidsAsync(new List<string>(chunk), c)
                : client.Users.RemoveSystemUidsAsync(new List<string>(chunk), c), ct));
        }
    }
}
