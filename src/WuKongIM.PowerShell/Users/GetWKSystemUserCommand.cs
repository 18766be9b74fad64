using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists the stored system uids (GET /user/systemuids).</summary>
    [Cmdlet(VerbsCommon.Get, "WKSystemUser")]
    [OutputType(typeof(WKSystemUser))]
    public sealed class GetWKSystemUserCommand : WKApiCmdlet
    {
        protected override void ProcessRecord()
        {
            RunItem(null, () =>
            {
                foreach (string uid in Run(ct => Client.Users.GetSystemUidsAsync(ct)))
                {
                    WriteObject(new WKSystemUser { Uid = uid });
                }
            });
        }
    }
}
