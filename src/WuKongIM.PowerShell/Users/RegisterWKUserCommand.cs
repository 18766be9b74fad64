using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Registers a device token for a user (POST /user/token), generating a random one when none is given, and returns it once.</summary>
    [Cmdlet(VerbsLifecycle.Register, "WKUser", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserToken))]
    public sealed class RegisterWKUserCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("device_flag")]
        // One device: All (-1, every device) is refused here, so it is neither offered by tab completion nor accepted.
        [ValidateSet("App", "Web", "PC", "System", IgnoreCase = true)]
        public WKDeviceFlag DeviceFlag { get; set; } = WKDeviceFlag.App;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("device_level")]
        public WKDeviceLevel DeviceLevel { get; set; } = WKDeviceLevel.Slave;

        /// <summary>The token to store; when empty a cryptographically random token is generated.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Token { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.TokenUid(Uid);
                WKInputRules.DeviceFlag(DeviceFlag);
                if (!ShouldProcess(Uid + " (" + DeviceFlag + ")", "Register device token"))
                {
                    return;
                }
                WriteObject(Run(ct => Client.Users.RegisterAsync(Uid, DeviceFlag, DeviceLevel, Token, ct)));
            });
        }
    }
}
