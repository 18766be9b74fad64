using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>A user's devices (GET /cluster/devices?uid=), with tokens masked unless -IncludeToken.</summary>
    [Cmdlet(VerbsCommon.Get, "WKUserDevice")]
    [OutputType(typeof(WKDevice))]
    public sealed class GetWKUserDeviceCommand : WKUsersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>Only this device flag (filtered here: the server's own flag filter crashes after a refresh).</summary>
        [Parameter]
        public WKDeviceFlag? DeviceFlag { get; set; }

        /// <summary>Show the device tokens in clear text.</summary>
        [Parameter]
        public SwitchParameter IncludeToken { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string uid in Uid)
            {
                try
                {
                    if (DeviceFlag.HasValue)
                    {
                        WKInputRules.DeviceFlag(DeviceFlag.Value);
                    }
                    foreach (WKDevice device in Run(ct => Client.Users.GetDevicesAsync(uid, IncludeToken, ct)))
                    {
                        if (!DeviceFlag.HasValue || device.DeviceFlag == DeviceFlag.Value)
                        {
                            WriteObject(device);
                        }
                    }
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, uid);
                }
            }
        }
    }
}
