using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Adds uids to a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Add, "WKUserBlocklist", SupportsShouldProcess = true)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class AddWKUserBlocklistCommand : WKUserListChangeCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("BlockedUid", "ListedUid")]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] BlockedUid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override WKUserListKind List => WKUserListKind.Blocklist;
        protected override bool Adding => true;
        protected override string[] ListedUids => BlockedUid;
        protected override string ListedParameterName => "BlockedUid";
        protected override int ChunkSize => BatchSize;
    }
}
