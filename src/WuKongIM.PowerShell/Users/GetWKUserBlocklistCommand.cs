using System;
using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    /// <summary>Lists a user's blocklist (the person channel's blacklist: senders this user no longer receives messages from).</summary>
    [Cmdlet(VerbsCommon.Get, "WKUserBlocklist")]
    [OutputType(typeof(WKUserListEntry))]
    public sealed class GetWKUserBlocklistCommand : WKUsersCmdlet
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
                    foreach (WKUserListEntry entry in Run(ct => lists.GetAsync(uid, WKUserListKind.Blocklist, ct)))
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
