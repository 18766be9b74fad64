using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Lifts a block: ban=0 on the person channel and the module's record removed. Tokens cleared by the block stay empty.</summary>
    [Cmdlet(VerbsSecurity.Unblock, "WKUser", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserBlockResult))]
    public sealed class UnblockWKUserCommand : WKUserBlockCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid);
                if (!ShouldProcess(Uid, "Unblock (lift the ban)"))
                {
                    return;
                }
                WriteBlockResult(Run(ct => Manager.UnblockAsync(Uid, ct)));
            });
        }
    }
}
