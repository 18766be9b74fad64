using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Base of Get-WKUserBlocklist and -Allowlist: each piped uid's list is read and written entry by entry.</summary>
    public abstract class WKUserListReadCmdlet : WKUserListCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var lists = new WKUserListOperations(Client);
            foreach (string uid in Uid)
            {
                RunItem(uid, () =>
                {
                    foreach (WKUserListEntry entry in Run(ct => lists.GetAsync(uid, List, ct)))
                    {
                        WriteObject(entry);
                    }
                });
            }
        }
    }
}
