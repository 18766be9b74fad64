using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>A user's devices (GET /cluster/devices?uid=), with tokens masked unless -IncludeToken.</summary>
    [Cmdlet(VerbsCommon.Get, "WKUserDevice")]
    [OutputType(typeof(WKDevice))]
    public sealed class GetWKUserDeviceCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>Only this device flag (filtered here: the server's own flag filter crashes after a refresh).</summary>
        [Parameter]
        // One device: All (-1, every device) is refused here, so it is neither offered by tab completion nor accepted.
        [ValidateSet("App", "Web", "PC", "System", IgnoreCase = true)]
        public WKDeviceFlag? DeviceFlag { get; set; }

        /// <summary>Show the device tokens in clear text.</summary>
        [Parameter]
        public SwitchParameter IncludeToken { get; set; }

        /// <summary>How many look-ups run at once; results still come out in input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        private OrderedDispatcher<string, IReadOnlyList<WKDevice>>? _lookups;

        protected override void ProcessRecord()
        {
            // One GET /cluster/devices per uid (there is no batch route), ThrottleLimit at a time.
            _lookups ??= CreateDispatcher<string, IReadOnlyList<WKDevice>>(ThrottleLimit, LookUpAsync);
            foreach (string uid in Uid)
            {
                PostThrottled(_lookups, uid, o => WriteOutcome(o));
            }
        }

        protected override void EndProcessing() => DrainThrottled(_lookups, o => WriteOutcome(o));

        private async Task<IReadOnlyList<WKDevice>> LookUpAsync(string uid, CancellationToken cancellationToken)
        {
            if (DeviceFlag.HasValue)
            {
                WKInputRules.DeviceFlag(DeviceFlag.Value);
            }
            IReadOnlyList<WKDevice> devices = await Client.Users.GetDevicesAsync(uid, IncludeToken, cancellationToken).ConfigureAwait(false);
            return DeviceFlag.HasValue ? devices.Where(d => d.DeviceFlag == DeviceFlag.Value).ToList() : devices;
        }
    }
}
