using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Root of the per-user list cmdlets (Get-, Add-, Remove- and Set-WKUserBlocklist and -Allowlist): which of the user's
    /// two lists the cmdlet works on.
    /// </summary>
    public abstract class WKUserListCmdlet : WKApiCmdlet
    {
        protected abstract WKUserListKind List { get; }

        /// <summary>The list's name in prompts and progress, e.g. "blocklist".</summary>
        protected string ListName => List == WKUserListKind.Blocklist ? "blocklist" : "allowlist";
    }
}
