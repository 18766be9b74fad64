using System;
using System.Collections.Concurrent;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>No session was given, none is connected in this runspace, and WUKONGIM_URL is not set.</summary>
    [Serializable]
    public sealed class WKNotConnectedException : InvalidOperationException
    {
        public WKNotConnectedException()
            : base("Not connected to a WuKongIM server. Run Connect-WKServer -Uri <address>, pass -Session, or set the WUKONGIM_URL (and WUKONGIM_MANAGER_TOKEN) environment variables.")
        {
        }
    }
}
