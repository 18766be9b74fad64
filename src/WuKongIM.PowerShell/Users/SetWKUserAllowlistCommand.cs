using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Replaces a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false) with exactly the uids given (an empty list clears it).</summary>
    [Cmdlet(VerbsCommon.Set, "WKUserAllowlist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class SetWKUserAllowlistCommand : WKUserListReplaceCmdlet
    {
        /// <summary>The complete new list; @() clears it. Piped uids are collected per owner and sent once at the end.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("AllowedUid", "ListedUid")]
        [Alias("ListedUid")]
        [AllowEmptyCollection]
        [AllowEmptyString]
        public string[] AllowedUid { get; set; } = new string[0];

        protected override WKUserListKind List => WKUserListKind.Allowlist;
        protected override string[] ListedUids => AllowedUid;
        protected override string ListedParameterName => "AllowedUid";

        protected override void BeginProcessing() => WriteWarning("A user's allowlist is enforced only when the WuKongIM server runs with whitelistOffOfPerson: false; the default (true) ignores it, and the API cannot read the setting.");
    }
}
