using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Blocks users: ban on the person channel (connect and token issue refused), device quit for App, Web and PC, a kick
    /// of any connection left, and a record (end time, reason, author) in the module's state file.
    /// </summary>
    [Cmdlet(VerbsSecurity.Block, "WKUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = DurationSet)]
    [OutputType(typeof(WKUserBlockResult))]
    public sealed class BlockWKUserCommand : WKUserBlockCmdlet
    {
        private const string DurationSet = "Duration";
        private const string UntilSet = "Until";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>How long the block lasts; Sync-WKUserBlock lifts it afterwards. No duration: until Unblock-WKUser.</summary>
        [Parameter(ParameterSetName = DurationSet, ValueFromPipelineByPropertyName = true)]
        public TimeSpan? Duration { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = UntilSet, ValueFromPipelineByPropertyName = true)]
        public DateTime Until { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Reason { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid);
                DateTimeOffset? until = Manager.ResolveUntil(
                    ParameterSetName == DurationSet ? Duration : null,
                    ParameterSetName == UntilSet ? new DateTimeOffset(Until.ToUniversalTime(), TimeSpan.Zero) : (DateTimeOffset?)null);
                string span = until.HasValue ? "until " + until.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "without end";
                if (!ShouldProcessOrForce(Force, Uid, "Block (ban, quit devices, disconnect) " + span))
                {
                    return;
                }
                WriteBlockResult(Run(ct => Manager.BlockAsync(Uid, until, Reason, Environment.UserName, ct)));
            });
        }
    }
}
