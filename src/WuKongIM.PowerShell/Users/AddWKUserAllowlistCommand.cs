using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Adds uids to a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Add, "WKUserAllowlist", SupportsShouldProcess = true)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class AddWKUserAllowlistCommand : WKUserListChangeCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WKScalarInput("AllowedUid", "ListedUid")]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] AllowedUid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override WKUserListKind List => WKUserListKind.Allowlist;
        protected override bool Adding => true;
        protected override string[] ListedUids => AllowedUid;
        protected override string ListedParameterName => "AllowedUid";
        protected override int ChunkSize => BatchSize;

        protected override void BeginProcessing()
        {
            WriteWarning("A user's allowlist is enforced only when the WuKongIM server runs with whitelistOffOfPerson: false; the default (true) ignores it, and the API cannot read the setting.");
            base.BeginProcessing();
        }
    }
}
