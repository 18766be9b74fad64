using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKServerSetting")]
    [OutputType(typeof(WKServerSetting))]
    public sealed class GetWKServerSettingCommand : WKApiCmdlet
    {
        protected override void ProcessRecord()
        {
            RunItem(null, () =>
            {
                WriteObject(Run(ct => Client.Server.GetSettingAsync(ct)));
            });
        }
    }
}
