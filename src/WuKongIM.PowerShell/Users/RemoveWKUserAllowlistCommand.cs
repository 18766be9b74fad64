using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes uids from a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Remove, "WKUserAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ListedSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class RemoveWKUserAllowlistCommand : WKUserListRemoveCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ListedSet)]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] AllowedUid { get; set; } = new string[0];

        protected override WKUserListKind List => WKUserListKind.Allowlist;
        protected override string[] ListedUids => AllowedUid;
        protected override string ListedParameterName => "AllowedUid";
    }
}
