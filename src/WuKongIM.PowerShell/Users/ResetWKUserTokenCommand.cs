using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Rotates a user's device tokens: new random tokens for existing devices, returned once.</summary>
    [Cmdlet(VerbsCommon.Reset, "WKUserToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKUserToken))]
    public sealed class ResetWKUserTokenCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>The devices to rotate; all of the user's devices when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("device_flag")]
        // One device: All (-1, every device) is refused here, so it is neither offered by tab completion nor accepted.
        [ValidateSet("App", "Web", "PC", "System", IgnoreCase = true)]
        public WKDeviceFlag[]? DeviceFlag { get; set; }

        /// <summary>Kick the rotated devices' live connections, so they must log in with the new token.</summary>
        [Parameter]
        public SwitchParameter Disconnect { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.TokenUid(Uid);
                string devices = DeviceFlag == null || DeviceFlag.Length == 0 ? "all devices" : string.Join(", ", DeviceFlag);
                if (!ShouldProcess(Uid + " (" + devices + ")", Disconnect ? "Rotate token and disconnect" : "Rotate token"))
                {
                    return;
                }
                try
                {
                    foreach (WKUserToken token in Run(ct => new WKTokenOperations(Client).ResetAsync(Uid, DeviceFlag, Disconnect, ct)))
                    {
                        WriteObject(token);
                    }
                }
                catch (WKTokenRotationException partial)
                {
                    // Kept as a catch: tokens already set must reach the caller, or those devices are locked out; then the failure.
                    foreach (WKUserToken token in partial.Issued)
                    {
                        WriteObject(token);
                    }
                    WriteWKError(partial.InnerException!, Uid);
                }
            });
        }
    }
}
