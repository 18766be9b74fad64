using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Replaces a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from) with exactly the uids given (an empty list clears it).</summary>
    [Cmdlet(VerbsCommon.Set, "WKUserBlocklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class SetWKUserBlocklistCommand : WKUserListReplaceCmdlet
    {
        /// <summary>The complete new list; @() clears it. Piped uids are collected per owner and sent once at the end.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("BlockedUid", "ListedUid")]
        [Alias("ListedUid")]
        [AllowEmptyCollection]
        [AllowEmptyString]
        public string[] BlockedUid { get; set; } = new string[0];

        protected override WKUserListKind List => WKUserListKind.Blocklist;
        protected override string[] ListedUids => BlockedUid;
        protected override string ListedParameterName => "BlockedUid";
    }
}
