using System;
using System.Management.Automation;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Turns a failed server test into the exception Connect-WKServer reports.</summary>
    internal static class ConnectCheck
    {
        public static Exception? Evaluate(WKServerTestResult test)
        {
            if (!test.Reachable)
            {
                return new WKApiException(WKErrorKind.ConnectionFailed, "GET", "/health", null, null, null, test.Message);
            }
            if (!test.TokenAccepted)
            {
                return new WKApiException(WKErrorKind.Unauthorized, "GET", "/health", 401, null, null, test.Message);
            }
            return null;
        }
    }
}
