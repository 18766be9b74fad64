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

        /// <summary>
        /// True when a change that must be confirmed as ConfirmImpact High (emptying a whole list with -All) still needs a
        /// prompt after ShouldProcess: nothing has said yes (-Force, or -Confirm either way: -Confirm asked already,
        /// -Confirm:$false is a yes), $ConfirmPreference is not None, and ShouldProcess did not ask already because the
        /// command's own impact is below the preference.
        /// </summary>
        public static bool NeedsHighImpactPrompt(bool force, IDictionary<string, object> boundParameters, ConfirmImpact commandImpact, ConfirmImpact preference)
        {
            if (force || boundParameters.ContainsKey("Confirm") || preference == ConfirmImpact.None)
            {
                return false;
            }
            return commandImpact < preference;
        }

        /// <summary>$ConfirmPreference as the engine holds it (an enum, or text a script assigned); High when unreadable.</summary>
        public static ConfirmImpact ReadPreference(object? value)
        {
            if (value is PSObject wrapped)
            {
                value = wrapped.BaseObject;
            }
            if (value is ConfirmImpact impact)
            {
                return impact;
            }
            return value != null && Enum.TryParse(value.ToString(), true, out ConfirmImpact parsed) ? parsed : ConfirmImpact.High;
        }

        private static bool IsOn(object? value) => value is SwitchParameter s ? s.IsPresent : value is bool b && b;
    }
}
