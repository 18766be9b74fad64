using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Rotates a user's device tokens: new random tokens for existing devices, returned once.</summary>
    [Cmdlet(VerbsCommon.Reset, "WKUserToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKUserToken))]
    public sealed class ResetWKUserTokenCommand : WKUserTokenBulkCmdlet<ResetWKUserTokenCommand.Item, IReadOnlyList<WKUserToken>>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("Uid", "UserId")]
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

        protected override string Activity => "Rotating user tokens";

        protected override void ProcessRecord() => Submit(Uid);

        protected override Item? Prepare(string uid)
        {
            WKInputRules.TokenUid(uid);
            string devices = DeviceFlag == null || DeviceFlag.Length == 0 ? "all devices" : string.Join(", ", DeviceFlag);
            return ShouldProcess(uid + " (" + devices + ")", Disconnect ? "Rotate token and disconnect" : "Rotate token")
                ? new Item(uid, DeviceFlag == null ? null : (WKDeviceFlag[])DeviceFlag.Clone(), Disconnect)
                : null;
        }

        protected override Task<IReadOnlyList<WKUserToken>> WorkAsync(Item item, CancellationToken cancellationToken) =>
            new WKTokenOperations(Client).ResetAsync(item.Uid, item.DeviceFlags, item.Disconnect, cancellationToken);

        protected override void WriteResult(Item item, IReadOnlyList<WKUserToken> result)
        {
            foreach (WKUserToken token in result)
            {
                WriteObject(token);
            }
        }

        protected override bool WriteSpecialFailure(Item item, Exception error)
        {
            if (!(error is WKTokenRotationException partial))
            {
                return false;
            }
            // Tokens already set must reach the caller, or those devices are locked out; then the failure.
            foreach (WKUserToken token in partial.Issued)
            {
                WriteObject(token);
            }
            WriteWKError(partial.InnerException!, item.Uid);
            return true;
        }

        protected override string UidOf(Item item) => item.Uid;

        /// <summary>One piped record, captured before the next record rebinds the parameters.</summary>
        public sealed class Item
        {
            internal Item(string uid, WKDeviceFlag[]? deviceFlags, bool disconnect)
            {
                Uid = uid;
                DeviceFlags = deviceFlags;
                Disconnect = disconnect;
            }

            public string Uid { get; }
            public WKDeviceFlag[]? DeviceFlags { get; }
            public bool Disconnect { get; }
        }
    }
}
