using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Completes -DeviceFlag where a token is stored or read for one device (Register-WKUser, Set-WKUserToken, ...): the
    /// real device flags only. WKDeviceFlag.All (-1) means "every device" to the commands that log out or revoke, and
    /// these commands refuse it, so tab completion must not offer it.
    /// </summary>
    public sealed class WKDeviceFlagCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<string> names = Enum.GetValues(typeof(WKDeviceFlag)).Cast<WKDeviceFlag>()
                .Where(flag => flag != WKDeviceFlag.All)
                .OrderBy(flag => (int)flag)
                .Select(flag => flag.ToString());
            // Keep the enum's order (App, Web, PC, System), which is the protocol's, rather than sorting by name.
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return names
                .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n + " (" + (int)Enum.Parse(typeof(WKDeviceFlag), n) + ")"));
        }
    }
}
