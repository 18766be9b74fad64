using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false).</summary>
    [Cmdlet(VerbsCommon.Get, "WKUserAllowlist")]
    [OutputType(typeof(WKUserListEntry))]
    public sealed class GetWKUserAllowlistCommand : WKUserListReadCmdlet
    {
        protected override WKUserListKind List => WKUserListKind.Allowlist;
    }
}
