using System;
using System.Collections.Generic;
using System.Globalization;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>The branches of the Conversations cmdlets, kept out of the cmdlet classes so they can be tested without a host.</summary>
    internal static class WKConversationCmdletLogic
    {
        /// <summary>Recent messages shown when -IncludeRecent is given without -RecentCount.</summary>
        public const int DefaultRecentCount = 10;

        /// <summary>Channels of one user per /conversation/syncMessages or /conversation/syncByChannels request.</summary>
        public const int DefaultChannelBatchSize = 100;

        /// <summary>How many recent messages to show: none unless -IncludeRecent or -RecentCount was given.</summary>
        public static int RecentCount(bool includeRecent, int? recentCount) =>
            recentCount.HasValue ? recentCount.Value : includeRecent ? DefaultRecentCount : 0;

        public static WKConversationQuery SyncQuery(string uid, int recentCount, bool onlyUnread, long? version, IList<WKChannelType>? excludeChannelTypes, int pageSize) =>
            new WKConversationQuery
            {
                Uid = uid,
                RecentCount = recentCount,
                OnlyUnread = onlyUnread,
                Version = version,
                ExcludeChannelTypes = excludeChannelTypes,
                PageSize = pageSize,
            };

        /// <summary>
        /// The server returns its default 15 messages for 0, so /conversation/syncByChannels is asked for at least one and
        /// the recents are dropped again when none were wanted.
        /// </summary>
        public static int RequestedRecentCount(int recentCount) => Math.Max(1, recentCount);

        public static IReadOnlyList<WKConversation> ShapeRecents(IReadOnlyList<WKConversation> conversations, int recentCount)
        {
            if (recentCount == 0)
            {
                foreach (WKConversation c in conversations)
                {
                    c.Recents = Array.Empty<WKMessage>();
                }
            }
            return conversations;
        }

        /// <summary>The ShouldProcess target of a conversation, e.g. <c>u1's conversation with g1 (Group)</c>.</summary>
        public static string Describe(string uid, string channelId, WKChannelType channelType) =>
            uid + "'s conversation with " + channelId + " (" + channelType.ToString() + ")";

        /// <summary>
        /// The first seq to read for Get-WKConversationMessage: -FromSeq, or with -Unread the message after the conversation's
        /// read position (whichever is later). -Unread needs the read position (ReadedToMsgSeq, e.g. piped from Get-WKConversation).
        /// </summary>
        public static ulong StartSeq(ulong fromSeq, bool unread, uint? readedToMsgSeq)
        {
            if (!unread)
            {
                return fromSeq;
            }
            if (!readedToMsgSeq.HasValue)
            {
                throw new WKValidationException("-Unread needs the conversation's read position: pipe conversations from Get-WKConversation or give -ReadedToMsgSeq.", "ReadedToMsgSeq");
            }
            return Math.Max(fromSeq, (ulong)readedToMsgSeq.Value + 1);
        }

        /// <summary>The verbose note for a Set-WKConversationUnread that had nothing to do.</summary>
        public static string UnchangedNote(WKUnreadChange change) =>
            Describe(change.Uid, change.ChannelId, change.ChannelType) + " already has " + change.Before.ToString(CultureInfo.InvariantCulture) + " unread; nothing was sent.";
    }
}
