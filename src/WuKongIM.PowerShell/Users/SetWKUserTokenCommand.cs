using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Sets a user's device token and level (POST /user/token). The token is never written to output.</summary>
    [Cmdlet(VerbsCommon.Set, "WKUserToken", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserResult))]
    public sealed class SetWKUserTokenCommand : WKUserTokenBulkCmdlet<SetWKUserTokenCommand.Item, bool>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("Uid", "UserId")]
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

        protected override string Activity => "Setting user tokens";

        protected override void ProcessRecord() => Submit(Uid);

        protected override Item? Prepare(string uid)
        {
            WKInputRules.TokenUid(uid);
            WKInputRules.DeviceFlag(DeviceFlag);
            return ShouldProcess(uid + " (" + DeviceFlag + ")", "Set device token") ? new Item(uid, Token, DeviceFlag, DeviceLevel) : null;
        }

        protected override async Task<bool> WorkAsync(Item item, CancellationToken cancellationToken)
        {
            await Client.Users.SetTokenAsync(item.Uid, item.Token, item.DeviceFlag, item.DeviceLevel, cancellationToken).ConfigureAwait(false);
            return true;
        }

        protected override void WriteResult(Item item, bool result)
        {
            if (PassThru)
            {
                WriteObject(new WKUserResult { Uid = item.Uid, DeviceFlag = item.DeviceFlag, Action = "SetToken" });
            }
        }

        protected override string UidOf(Item item) => item.Uid;

        /// <summary>One piped record, captured before the next record rebinds the parameters. The token stays internal.</summary>
        public sealed class Item
        {
            internal Item(string uid, string token, WKDeviceFlag deviceFlag, WKDeviceLevel deviceLevel)
            {
                Uid = uid;
                Token = token;
                DeviceFlag = deviceFlag;
                DeviceLevel = deviceLevel;
            }

            public string Uid { get; }
            internal string Token { get; }
            public WKDeviceFlag DeviceFlag { get; }
            public WKDeviceLevel DeviceLevel { get; }
        }
    }
}
