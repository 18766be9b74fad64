using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Removes uids from a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from). Piped uids are sent in chunks per owner.</summary>
    [Cmdlet(VerbsCommon.Remove, "WKUserBlocklist", SupportsShouldProcess = true, DefaultParameterSetName = ListedSet)]
    [OutputType(typeof(WKBulkItemResult))]
    public sealed class RemoveWKUserBlocklistCommand : WKUserListChangeCmdlet
    {
        private const string ListedSet = "Listed";
        private const string AllSet = "All";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ListedSet)]
        [WKScalarInput("BlockedUid", "ListedUid")]
        [Alias("ListedUid")]
        [AllowEmptyString]
        public string[] BlockedUid { get; set; } = new string[0];

        [Parameter(ParameterSetName = ListedSet)]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        /// <summary>Empty the whole list (asks again unless -Force).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        [Parameter(ParameterSetName = AllSet)]
        public SwitchParameter Force { get; set; }

        protected override WKUserListKind List => WKUserListKind.Blocklist;
        protected override bool Adding => false;
        protected override string[] ListedUids => BlockedUid;
        protected override string ListedParameterName => "BlockedUid";
        protected override int ChunkSize => BatchSize;
        protected override bool EmptyWholeList => ParameterSetName == AllSet;
        protected override bool ForceEmpty => Force;
    }
}
