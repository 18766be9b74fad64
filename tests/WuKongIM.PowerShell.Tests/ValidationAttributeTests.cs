using System.Linq;
using System.Reflection;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>Validation attributes PowerShell would refuse at run time, which the stub assembly cannot show.</summary>
    public sealed class ValidationAttributeTests
    {
        /// <summary>
        /// ValidateRangeAttribute throws when its minimum and maximum have different types ([ValidateRange(1, long.MaxValue)]
        /// compiles to an int and a long), and the parameter then fails on every call.
        /// </summary>
        [Fact]
        public void ValidateRange_bounds_have_one_type()
        {
            Violations.None(BuiltModule.Cmdlets.SelectMany(c => c.Parameters.SelectMany(p => p.Property.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == "System.Management.Automation.ValidateRangeAttribute" && a.ConstructorArguments.Count == 2
                    && a.ConstructorArguments[0].Value?.GetType() != a.ConstructorArguments[1].Value?.GetType())
                .Select(a => c.Name + " -" + p.Name + ": " + a.ConstructorArguments[0].ArgumentType.Name + " and " + a.ConstructorArguments[1].ArgumentType.Name))),
                "ValidateRange bounds");
        }
    }
}
