using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsDiagnostic.Test, "WKServer")]
    [OutputType(typeof(WKServerTestResult), typeof(bool))]
    public sealed class TestWKServerCommand : WKApiCmdlet
    {
        /// <summary>Return only True or False: reachable, healthy and token accepted.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            WKServerTestResult result;
            using (WKCallDeadline.Begin(ConnectCheck.Deadline))
            {
                result = Run(ct => Client.Server.TestAsync(ct));
            }
            if (Quiet)
            {
                WriteObject(result.Reachable && result.Healthy && result.TokenAccepted);
            }
            else
            {
                WriteObject(result);
            }
        }
    }
}
