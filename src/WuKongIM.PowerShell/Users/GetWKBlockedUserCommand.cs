using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Blocked users: banned person channels on the server merged with the module's block records.</summary>
    [Cmdlet(VerbsCommon.Get, "WKBlockedUser")]
    [OutputType(typeof(WKBlockedUser))]
    public sealed class GetWKBlockedUserCommand : WKUserBlockCmdlet
    {
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            RunItem(null, () =>
            {
                foreach (WKBlockedUser user in Run(ct => Manager.GetBlockedAsync(PageSize, ct)))
                {
                    WriteObject(user);
                }
            });
        }
    }
}
