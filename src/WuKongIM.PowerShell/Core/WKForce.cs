using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>When -Force may skip ShouldProcess: plain code, so the rule is tested without an engine.</summary>
    internal static class WKForce
    {
        /// <summary>
        /// True when -Force is given, -Confirm is not, and no what-if run is under way: neither -WhatIf on this command nor
        /// $WhatIfPreference, which a caller's -WhatIf sets for everything it runs (a function with SupportsShouldProcess,
        /// a script run with -WhatIf). An explicit -WhatIf:$false wins over the preference.
        /// </summary>
        public static bool SkipsShouldProcess(bool force, IDictionary<string, object> boundParameters, Func<object?> whatIfPreference)
        {
            if (!force || boundParameters.ContainsKey("Confirm"))
            {
                return false;
            }
            bool whatIf = boundParameters.TryGetValue("WhatIf", out object? w) ? IsOn(w) : IsOn(whatIfPreference());
            return !whatIf;
        }

        private static bool IsOn(object? value) => value is SwitchParameter s ? s.IsPresent : value is bool b && b;
    }
}
