using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Base of Remove-WKUserBlocklist and -Allowlist: the listed uids (Listed set, named by each cmdlet) are removed in
    /// chunks of -BatchSize, or -All empties the whole list (All set, confirmed as a ConfirmImpact High change); -Force skips the confirmation in both.
    /// </summary>
    public abstract class WKUserListRemoveCmdlet : WKUserListChangeCmdlet
    {
        protected const string ListedSet = "Listed";
        protected const string AllSet = "All";

        [Parameter(ParameterSetName = ListedSet)]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        /// <summary>Empty the whole list: asked as a ConfirmImpact High change unless -Force, -Confirm:$false or $ConfirmPreference = 'None' says yes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Do not ask for confirmation, for the listed uids and with -All.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected sealed override bool Adding => false;
        protected sealed override int ChunkSize => BatchSize;
        protected sealed override bool EmptyWholeList => ParameterSetName == AllSet;
        protected sealed override bool ForceGiven => Force;
    }
}
