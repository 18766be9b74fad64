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

        // -All empties a whole list: it must be confirmed as a ConfirmImpact High change whatever the cmdlet's impact.
        [Theory]
        [InlineData(System.Management.Automation.ConfirmImpact.Medium, System.Management.Automation.ConfirmImpact.High, true)]   // default preference, Medium cmdlet: ShouldProcess did not ask
        [InlineData(System.Management.Automation.ConfirmImpact.High, System.Management.Automation.ConfirmImpact.High, false)]    // High cmdlet: ShouldProcess asked already
        [InlineData(System.Management.Automation.ConfirmImpact.Medium, System.Management.Automation.ConfirmImpact.Low, false)]   // the preference made ShouldProcess ask
        [InlineData(System.Management.Automation.ConfirmImpact.Medium, System.Management.Automation.ConfirmImpact.None, false)]  // $ConfirmPreference = 'None' says yes
        public void Emptying_a_list_asks_once_when_nothing_has_said_yes(System.Management.Automation.ConfirmImpact command, System.Management.Automation.ConfirmImpact preference, bool asks)
        {
            Assert.Equal(asks, WKForce.NeedsHighImpactPrompt(false, Bound(), command, preference));
        }

        [Fact]
        public void Emptying_a_list_does_not_ask_again_after_force_or_an_explicit_confirm()
        {
            Assert.False(WKForce.NeedsHighImpactPrompt(true, Bound(), System.Management.Automation.ConfirmImpact.Medium, System.Management.Automation.ConfirmImpact.High));
            Assert.False(WKForce.NeedsHighImpactPrompt(false, Bound(("Confirm", false)), System.Management.Automation.ConfirmImpact.Medium, System.Management.Automation.ConfirmImpact.High));
            Assert.False(WKForce.NeedsHighImpactPrompt(false, Bound(("Confirm", true)), System.Management.Automation.ConfirmImpact.Medium, System.Management.Automation.ConfirmImpact.High));
        }

        [Fact]
        public void The_confirm_preference_is_read_from_the_enum_or_from_text()
        {
            Assert.Equal(System.Management.Automation.ConfirmImpact.None, WKForce.ReadPreference(System.Management.Automation.ConfirmImpact.None));
            Assert.Equal(System.Management.Automation.ConfirmImpact.Low, WKForce.ReadPreference("low"));
            Assert.Equal(System.Management.Automation.ConfirmImpact.High, WKForce.ReadPreference(null));
        }
    }
}
