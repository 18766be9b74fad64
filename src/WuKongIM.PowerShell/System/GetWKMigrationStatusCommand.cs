using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKMigrationStatus")]
    [OutputType(typeof(WKMigrationStatus))]
    public sealed class GetWKMigrationStatusCommand : WKApiCmdlet
    {
        protected override void ProcessRecord()
        {
            RunItem(null, () =>
            {
                WriteObject(Run(ct => Client.Server.GetMigrationStatusAsync(ct)));
            });
        }
    }
}
