using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes uids from a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Remove, "WKUserBlocklist", SupportsShouldProcess = true, DefaultParameterSetName = ListedSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class RemoveWKUserBlocklistCommand : WKUserListRemoveCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ListedSet)]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] BlockedUid { get; set; } = new string[0];

        protected override WKUserListKind List => WKUserListKind.Blocklist;
        protected override string[] ListedUids => BlockedUid;
        protected override string ListedParameterName => "BlockedUid";
    }
}
