using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Sets a user's device token and level (POST /user/token). The token is never written to output.</summary>
    [Cmdlet(VerbsCommon.Set, "WKUserToken", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserResult))]
    public sealed class SetWKUserTokenCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Token { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("device_flag")]
        // One device: All (-1, every device) is refused here, so it is neither offered by tab completion nor accepted.
        [ValidateSet("App", "Web", "PC", "System", IgnoreCase = true)]
        public WKDeviceFlag DeviceFlag { get; set; } = WKDeviceFlag.App;

        /// <summary>Master kicks the user's current connections with this device flag.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("device_level")]
        public WKDeviceLevel DeviceLevel { get; set; } = WKDeviceLevel.Slave;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.TokenUid(Uid);
                WKInputRules.DeviceFlag(DeviceFlag);
                if (!ShouldProcess(Uid + " (" + DeviceFlag + ")", "Set device token"))
                {
                    return;
                }
                Run(ct => Client.Users.SetTokenAsync(Uid, Token, DeviceFlag, DeviceLevel, ct));
                if (PassThru)
                {
                    WriteObject(new WKUserResult { Uid = Uid, DeviceFlag = DeviceFlag, Action = "SetToken" });
                }
            });
        }
    }
}
