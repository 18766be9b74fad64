using System;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists users (GET /cluster/users, paged, newest first) or looks up given uids.</summary>
    [Cmdlet(VerbsCommon.Get, "WKUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(WKUser))]
    public sealed class GetWKUserCommand : WKApiCmdlet
    {
        private const string ListSet = "List";
        private const string UidSet = "Uid";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UidSet)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>Rows per request; the server pre-allocates memory per row, so keep it in the hundreds.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        /// <summary>How many look-ups run at once; results still come out in input order.</summary>
        [Parameter(ParameterSetName = UidSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        private OrderedDispatcher<string, WKUser>? _lookups;

        protected override void EndProcessing() => DrainThrottled(_lookups, o => WriteOutcome(o));

        private async Task<WKUser> LookUpAsync(string uid, CancellationToken cancellationToken)
        {
            WKUser? user = await Client.Users.GetUserAsync(uid, cancellationToken).ConfigureAwait(false);
            return user ?? throw new WKUserManagementException("WKUserNotFound", "No user '" + uid + "': only uids registered with /user/token are users.");
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UidSet)
            {
                // One look-up per uid (there is no batch route), ThrottleLimit at a time.
                _lookups ??= CreateDispatcher<string, WKUser>(ThrottleLimit, LookUpAsync);
                foreach (string uid in Uid)
                {
                    PostThrottled(_lookups, uid, o => WriteOutcome(o));
                }
                return;
            }
            var window = new PagingWindow(PagingParameters.Skip, PagingParameters.First);
            if (PagingParameters.IncludeTotalCount)
            {
                // The server has no usable total (always 0, or unfiltered): report it as unknown (accuracy 0).
                WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            }
            long? cursor = null;
            RunItem(null, () =>
            {
                while (!window.Done)
                {
                    WKClusterPage<WKUser> page = Run(ct => Client.Users.GetUsersPageAsync(cursor, PageSize, ct));
                    foreach (WKUser user in page.Items)
                    {
                        if (window.Take())
                        {
                            WriteObject(user);
                        }
                    }
                    if (!page.More || page.Items.Count == 0)
                    {
                        break;
                    }
                    cursor = page.Items[page.Items.Count - 1].CreatedAtUnixNano;
                }
            });
        }
    }
}
