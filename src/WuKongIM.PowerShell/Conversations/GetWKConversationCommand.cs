using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// A user's conversations with unread counts (POST /conversation/sync, page by page), or the user's conversation with
    /// given channels (POST /conversation/syncByChannels). Recent messages only with -IncludeRecent or -RecentCount.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKConversation", DefaultParameterSetName = SyncSet)]
    [OutputType(typeof(WKConversation))]
    public sealed class GetWKConversationCommand : WKApiCmdlet
    {
        private const string SyncSet = "Sync";
        private const string ChannelSet = "Channel";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>Only these channels (person channels: the other user's uid); answered even without a stored conversation.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ChannelSet)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string[] ChannelId { get; set; } = new string[0];

        [Parameter(ParameterSetName = ChannelSet)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        [Parameter(ParameterSetName = SyncSet)]
        public SwitchParameter OnlyUnread { get; set; }

        /// <summary>Only conversations with a newer last message than this version (nanoseconds, from an earlier result).</summary>
        [Parameter(ParameterSetName = SyncSet)]
        [ValidateRange(1L, long.MaxValue)]
        public long? Version { get; set; }

        [Parameter(ParameterSetName = SyncSet)]
        public WKChannelType[]? ExcludeChannelType { get; set; }

        /// <summary>Conversations per request (up to 500, the server's cap); 0 reads all in one request.</summary>
        [Parameter(ParameterSetName = SyncSet)]
        [ValidateRange(0, WKConversationPager.MaxPageSize)]
        public int PageSize { get; set; } = WKConversationPager.DefaultPageSize;

        [Parameter]
        public SwitchParameter IncludeRecent { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? RecentCount { get; set; }

        protected override void ProcessRecord()
        {
            int recentCount = WKConversationCmdletLogic.RecentCount(IncludeRecent, RecentCount);
            foreach (string uid in Uid)
            {
                RunItem(uid, () =>
                {
                    if (ParameterSetName == ChannelSet)
                    {
                        WKChannelKey[] channels = ChannelId.Select(id => new WKChannelKey(id, ChannelType)).ToArray();
                        IReadOnlyList<WKConversation> found = Run(ct => Client.Conversations.GetByChannelsAsync(uid, channels, WKConversationCmdletLogic.RequestedRecentCount(recentCount), ct));
                        WriteAll(WKConversationCmdletLogic.ShapeRecents(found, recentCount));
                        return;
                    }
                    WKConversationPager pager = Client.Conversations.CreatePager(
                        WKConversationCmdletLogic.SyncQuery(uid, recentCount, OnlyUnread, Version, ExcludeChannelType, PageSize));
                    while (!pager.Finished)
                    {
                        WriteAll(Run(ct => pager.NextPageAsync(ct)));
                    }
                });
            }
        }

        private void WriteAll(IEnumerable<WKConversation> conversations)
        {
            foreach (WKConversation conversation in conversations)
            {
                WriteObject(conversation);
            }
        }
    }
}
