using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists the stored system uids (GET /user/systemuids).</summary>
    [Cmdlet(VerbsCommon.Get, "WKSystemUser")]
    [OutputType(typeof(WKSystemUser))]
    public sealed class GetWKSystemUserCommand : WKUsersCmdlet
    {
        protected override void ProcessRecord()
        {
            try
            {
                foreach (string uid in Run(ct => Client.Users.GetSystemUidsAsync(ct)))
                {
                    WriteObject(new WKSystemUser { Uid = uid });
                }
            }
            catch (Exception ex) when (IsItemError(ex))
            {
                WriteWKError(ex, null);
            }
        }
    }
}
