using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Registers a device token for a user (POST /user/token), generating a random one when none is given, and returns it once.</summary>
    [Cmdlet(VerbsLifecycle.Register, "WKUser", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserToken))]
    public sealed class RegisterWKUserCommand : WKUserTokenBulkCmdlet<RegisterWKUserCommand.Item, WKUserToken>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("Uid", "UserId")]
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

        protected override string Activity => "Registering users";

        protected override void ProcessRecord() => Submit(Uid);

        protected override Item? Prepare(string uid)
        {
            WKInputRules.TokenUid(uid);
            WKInputRules.DeviceFlag(DeviceFlag);
            return ShouldProcess(uid + " (" + DeviceFlag + ")", "Register device token") ? new Item(uid, DeviceFlag, DeviceLevel, Token) : null;
        }

        protected override Task<WKUserToken> WorkAsync(Item item, CancellationToken cancellationToken) =>
            Client.Users.RegisterAsync(item.Uid, item.DeviceFlag, item.DeviceLevel, item.Token, cancellationToken);

        protected override void WriteResult(Item item, WKUserToken result) => WriteObject(result);

        protected override string UidOf(Item item) => item.Uid;

        /// <summary>One piped record, captured before the next record rebinds the parameters.</summary>
        public sealed class Item
        {
            internal Item(string uid, WKDeviceFlag deviceFlag, WKDeviceLevel deviceLevel, string? token)
            {
                Uid = uid;
                DeviceFlag = deviceFlag;
                DeviceLevel = deviceLevel;
                Token = token;
            }

            public string Uid { get; }
            public WKDeviceFlag DeviceFlag { get; }
            public WKDeviceLevel DeviceLevel { get; }
            internal string? Token { get; }
        }
    }
}
