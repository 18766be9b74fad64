using System;
using System.Management.Automation;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Turns a failed server test into the exception Connect-WKServer reports.</summary>
    internal static class ConnectCheck
    {
        /// <summary>How long Connect-WKServer's and Test-WKServer's check may take in all (each of its requests, retries included).</summary>
        public static readonly System.TimeSpan Deadline = System.TimeSpan.FromSeconds(15);

        public static Exception? Evaluate(WKServerTestResult test)
        {
            if (!test.Reachable)
            {
                // The transport's own failure, as every other cmdlet reports it: WKTimeout or WKConnectionFailed, said once.
                return test.GetFailure() ?? new WKApiException(WKErrorKind.ConnectionFailed, "GET", "/health", null, null, null, test.Message);
            }
            if (!test.TokenAccepted)
            {
                return new WKApiException(WKErrorKind.Unauthorized, "GET", "/health", 401, null, null, test.Message);
            }
            return null;
        }
    }
}
