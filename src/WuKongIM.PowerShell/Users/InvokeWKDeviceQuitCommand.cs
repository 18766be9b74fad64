using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Forces a user's device (or all of App, Web and PC) off: POST /user/device_quit blanks the token and kicks.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WKDeviceQuit", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKUserResult))]
    public sealed class InvokeWKDeviceQuitCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>All (-1, the default) means App, Web and PC.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("device_flag")]
        public WKDeviceFlag DeviceFlag { get; set; } = WKDeviceFlag.All;

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid);
                WKInputRules.QuitDeviceFlag(DeviceFlag);
                if (!ShouldProcessOrForce(Force, Uid + " (" + DeviceFlag + ")", "Quit device: clear its token and disconnect it"))
                {
                    return;
                }
                Run(ct => Client.Users.QuitDeviceAsync(Uid, DeviceFlag, ct));
                if (PassThru)
                {
                    WriteObject(new WKUserResult { Uid = Uid, DeviceFlag = DeviceFlag, Action = "DeviceQuit" });
                }
            });
        }
    }
}
