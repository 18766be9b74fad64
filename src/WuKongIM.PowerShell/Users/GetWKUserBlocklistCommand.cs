using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from).</summary>
    [Cmdlet(VerbsCommon.Get, "WKUserBlocklist")]
    [OutputType(typeof(WKUserListEntry))]
    public sealed class GetWKUserBlocklistCommand : WKUserListReadCmdlet
    {
        protected override WKUserListKind List => WKUserListKind.Blocklist;
    }
}
