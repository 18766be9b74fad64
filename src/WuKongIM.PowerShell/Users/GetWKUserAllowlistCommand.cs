using System;
using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false).</summary>
    [Cmdlet(VerbsCommon.Get, "WKUserAllowlist")]
    [OutputType(typeof(WKUserListEntry))]
    public sealed class GetWKUserAllowlistCommand : WKUsersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        public string[] Uid { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var lists = new WKUserListOperations(Client);
            foreach (string uid in Uid)
            {
                try
                {
                    foreach (WKUserListEntry entry in Run(ct => lists.GetAsync(uid, WKUserListKind.Allowlist, ct)))
                    {
                        WriteObject(entry);
                    }
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, uid);
                }
            }
        }
    }
}
