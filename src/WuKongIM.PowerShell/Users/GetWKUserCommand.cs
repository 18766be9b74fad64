using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists users (GET /cluster/users, paged, newest first) or looks up given uids.</summary>
    [Cmdlet(VerbsCommon.Get, "WKUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(WKUser))]
    public sealed class GetWKUserCommand : WKUsersCmdlet
    {
        private const string ListSet = "List";
        private const string UidSet = "Uid";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UidSet)]
        [Alias("UserId")]
        [AllowEmptyString]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>Rows per request; the server pre-allocates memory per row, so keep it in the hundreds.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UidSet)
            {
                foreach (string uid in Uid)
                {
                    try
                    {
                        WKUser? user = Run(ct => Client.Users.GetUserAsync(uid, ct));
                        if (user == null)
                        {
                            throw new WKUserManagementException("WKUserNotFound", "No user '" + uid + "': only uids registered with /user/token are users.");
                        }
                        WriteObject(user);
                    }
                    catch (Exception ex) when (IsItemError(ex))
                    {
                        WriteWKError(ex, uid);
                    }
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
            try
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
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteWKError(ex, null);
            }
        }
    }
}
