using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Revokes a user's device tokens with device quit (token emptied, devices kicked), optionally only those set before a time.</summary>
    [Cmdlet(VerbsSecurity.Revoke, "WKUserToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(WKUserResult))]
    public sealed class RevokeWKUserTokenCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("device_flag")]
        public WKDeviceFlag DeviceFlag { get; set; } = WKDeviceFlag.All;

        /// <summary>Only devices whose token was last set before this time (from the device's updated_at).</summary>
        [Parameter]
        public DateTime? IssuedBefore { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid);
                WKInputRules.QuitDeviceFlag(DeviceFlag);
                string what = IssuedBefore.HasValue ? "Revoke tokens issued before " + IssuedBefore.Value.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "Revoke token";
                if (!ShouldProcessOrForce(Force, Uid + " (" + DeviceFlag + ")", what))
                {
                    return;
                }
                DateTimeOffset? before = IssuedBefore.HasValue ? new DateTimeOffset(IssuedBefore.Value.ToUniversalTime(), TimeSpan.Zero) : (DateTimeOffset?)null;
                foreach (WKUserResult result in Run(ct => new WKTokenOperations(Client).RevokeAsync(Uid, DeviceFlag, before, ct)))
                {
                    WriteObject(result);
                }
            });
        }
    }
}
