using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Token rotation and revocation built on /user/token, /user/device_quit, /cluster/devices and /connz.</summary>
    public sealed class WKTokenOperations
    {
        private readonly WKClient _client;

        public WKTokenOperations(WKClient client) => _client = client;

        /// <summary>
        /// Issues new random tokens for the user's existing devices (all of them, or the flags given), keeping each device's
        /// level, and returns them. With <paramref name="disconnect"/> the devices' live connections are kicked, so clients
        /// must log in again with the new token (the old one no longer matches once the server checks tokens).
        /// Never follows with device quit, which would blank the new token.
        /// </summary>
        public async Task<IReadOnlyList<WKUserToken>> ResetAsync(string uid, IReadOnlyCollection<WKDeviceFlag>? deviceFlags, bool disconnect, CancellationToken cancellationToken)
        {
            WKInputRules.TokenUid(uid);
            List<WKDeviceFlag>? wanted = deviceFlags?.Select(f => WKInputRules.DeviceFlag(f)).Distinct().ToList();
            IReadOnlyList<WKDevice> devices = await _client.Users.GetDevicesAsync(uid, includeToken: false, cancellationToken).ConfigureAwait(false);
            var targets = new List<WKDevice>();
            if (wanted == null || wanted.Count == 0)
            {
                targets.AddRange(devices.OrderBy(d => d.DeviceFlag));
            }
            else
            {
                foreach (WKDeviceFlag flag in wanted)
                {
                    WKDevice? device = devices.FirstOrDefault(d => d.DeviceFlag == flag);
                    if (device == null)
                    {
                        throw new WKUserManagementException("WKDeviceNotFound", "User '" + uid + "' has no " + flag + " device to rotate; register one with Register-WKUser.");
                    }
                    targets.Add(device);
                }
            }
            if (targets.Count == 0)
            {
                throw new WKUserManagementException("WKDeviceNotFound", "User '" + uid + "' has no device to rotate; register one with Register-WKUser.");
            }
            var issued = new List<WKUserToken>();
            try
            {
                foreach (WKDevice device in targets)
                {
                    issued.Add(await _client.Users.RegisterAsync(uid, device.DeviceFlag, device.DeviceLevel, null, cancellationToken).ConfigureAwait(false));
                    if (disconnect)
                    {
                        await WKConnectionKicker.KickAllAsync(_client, uid, device.DeviceFlag, force: false, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (issued.Count > 0 && (ex is WKApiException || ex is WKValidationException))
            {
                // The tokens set so far are live on the server: losing them with the exception would lock those devices out.
                throw new WKTokenRotationException(uid, issued, ex);
            }
            return issued;
        }

        /// <summary>
        /// Revokes tokens with device quit: the token becomes empty and the devices are kicked. With
        /// <paramref name="issuedBefore"/>, only devices whose token was last set before that time are revoked (read from
        /// <c>updated_at</c> of /cluster/devices; the server keeps no issue time of its own).
        /// </summary>
        public async Task<IReadOnlyList<WKUserResult>> RevokeAsync(string uid, WKDeviceFlag deviceFlag, DateTimeOffset? issuedBefore, CancellationToken cancellationToken)
        {
            WKInputRules.Uid(uid);
            WKInputRules.QuitDeviceFlag(deviceFlag);
            if (!issuedBefore.HasValue)
            {
                await _client.Users.QuitDeviceAsync(uid, deviceFlag, cancellationToken).ConfigureAwait(false);
                return new[] { new WKUserResult { Uid = uid, DeviceFlag = deviceFlag, Action = "RevokeToken" } };
            }
            IReadOnlyList<WKDevice> devices = await _client.Users.GetDevicesAsync(uid, includeToken: false, cancellationToken).ConfigureAwait(false);
            var results = new List<WKUserResult>();
            foreach (WKDevice device in devices.OrderBy(d => d.DeviceFlag))
            {
                bool flagMatches = deviceFlag == WKDeviceFlag.All ? device.DeviceFlag != WKDeviceFlag.System : device.DeviceFlag == deviceFlag;
                if (!flagMatches || !device.HasToken || !(device.UpdatedAt < issuedBefore.Value))
                {
                    continue;
                }
                await _client.Users.QuitDeviceAsync(uid, device.DeviceFlag, cancellationToken).ConfigureAwait(false);
                results.Add(new WKUserResult { Uid = uid, DeviceFlag = device.DeviceFlag, Action = "RevokeToken" });
            }
            return results;
        }
    }
}
