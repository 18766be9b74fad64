using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Every conversation of a user, including ones without messages (POST /conversation/channels), or with -Stored the stored
    /// conversation rows with read positions and times (GET /cluster/conversations?uid=), deleted ones included.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKConversationChannel", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(WKConversationChannel), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(WKStoredConversation), ParameterSetName = new[] { StoredSet })]
    public sealed class GetWKConversationChannelCommand : WKApiCmdlet
    {
        private const string ListSet = "List";
        private const string StoredSet = "Stored";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>The stored rows of GET /cluster/conversations instead of the channel list.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StoredSet)]
        public SwitchParameter Stored { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string uid in Uid)
            {
                RunItem(uid, () =>
                {
                    if (Stored)
                    {
                        foreach (WKStoredConversation row in Run(ct => Client.Conversations.GetStoredAsync(uid, ct)))
                        {
                            WriteObject(row);
                        }
                        return;
                    }
                    foreach (WKConversationChannel channel in Run(ct => Client.Conversations.GetChannelsAsync(uid, ct)))
                    {
                        WriteObject(channel);
                    }
                });
            }
        }
    }
}
