using System.Collections.Generic;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>
    /// -Force on Block-WKUser, Revoke-WKUserToken and Invoke-WKDeviceQuit skips the prompt, never a what-if run. Switch values
    /// are given as bools: the engine's SwitchParameter is an empty stub here (the rule reads either kind).
    /// </summary>
    public sealed class ForceTests
    {
        private static Dictionary<string, object> Bound(params (string Name, object Value)[] parameters)
        {
            var bound = new Dictionary<string, object>();
            foreach (var (name, value) in parameters)
            {
                bound[name] = value;
            }
            return bound;
        }

        [Fact]
        public void Force_alone_skips_the_prompt()
        {
            Assert.True(WKForce.SkipsShouldProcess(true, Bound(), () => false));
        }

        [Fact]
        public void Without_force_shouldprocess_always_decides()
        {
            Assert.False(WKForce.SkipsShouldProcess(false, Bound(), () => false));
        }

        [Fact]
        public void An_explicit_confirm_is_honoured_even_with_force()
        {
            Assert.False(WKForce.SkipsShouldProcess(true, Bound(("Confirm", true)), () => false));
        }

        [Fact]
        public void WhatIf_on_the_command_wins_over_force()
        {
            Assert.False(WKForce.SkipsShouldProcess(true, Bound(("WhatIf", true)), () => false));
        }

        [Fact]
        public void A_callers_whatif_reaches_the_command_through_the_preference_variable()
        {
            // function Remove-Spammer { [CmdletBinding(SupportsShouldProcess)] param($Uid) Block-WKUser $Uid -Force }
            // Remove-Spammer mallory -WhatIf  must not block anyone.
            Assert.False(WKForce.SkipsShouldProcess(true, Bound(), () => true));
        }

        [Fact]
        public void An_explicit_whatif_false_overrides_the_preference()
        {
            Assert.True(WKForce.SkipsShouldProcess(true, Bound(("WhatIf", false)), () => true));
        }
    }
}
