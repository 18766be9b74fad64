using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Completes -Uid from the connected server: the uids registered there (GET /cluster/users, the newest 1,000),
    /// cached for 30 s per session; a Tab waits at most about a second (<see cref="WKNameCache"/>).
    /// </summary>
    internal sealed class WKUidCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            WKSession? session = WKCompletion.Session(fakeBoundParameters);
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            IReadOnlyList<string> uids = WKNameCache.Shared.Get(WKCompletion.Key(session, "uid"), ct => LoadAsync(session, ct));
            return WKCompletion.Results(uids, wordToComplete);
        }

        private static async Task<IReadOnlyList<string>> LoadAsync(WKSession session, CancellationToken cancellationToken)
        {
            var page = await session.Client.Users.GetUsersPageAsync(null, 1000, cancellationToken).ConfigureAwait(false);
            return page.Items.Select(u => u.Uid).ToList();
        }
    }
}
