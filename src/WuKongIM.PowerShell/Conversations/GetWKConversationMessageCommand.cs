using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Recent messages of a user's conversations (POST /conversation/syncMessages). Piped conversations are grouped per
    /// user, so each user's channels cost ceil(N / -BatchSize) requests; messages come out channel by channel in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKConversationMessage")]
    [OutputType(typeof(WKMessage))]
    public sealed class GetWKConversationMessageCommand : WKApiCmdlet
    {
        private GroupedChunkBuffer<string, WKConversationMessageQuery>? _buffer;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>The channel; for person channels the other user's uid.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Messages per channel.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int Count { get; set; } = ConversationsApi.ServerDefaultRecentCount;

        /// <summary>Only messages with at least this seq.</summary>
        [Parameter]
        public ulong FromSeq { get; set; }

        /// <summary>Only messages after the conversation's read position (needs ReadedToMsgSeq, e.g. from Get-WKConversation).</summary>
        [Parameter]
        public SwitchParameter Unread { get; set; }

        /// <summary>The conversation's read position; binds from Get-WKConversation output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("readed_to_msg_seq")]
        public uint? ReadedToMsgSeq { get; set; }

        /// <summary>The first -Count messages from the start seq, oldest first, instead of the newest -Count, newest first.</summary>
        [Parameter]
        public SwitchParameter OldestFirst { get; set; }

        /// <summary>Channels of one user per request.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = WKConversationCmdletLogic.DefaultChannelBatchSize;

        protected override void BeginProcessing()
        {
            _buffer = new GroupedChunkBuffer<string, WKConversationMessageQuery>(BatchSize);
        }

        protected override void ProcessRecord()
        {
            WKConversationMessageQuery? query = null;
            bool valid = RunItem(WKConversationCmdletLogic.Describe(Uid, ChannelId, ChannelType), () =>
            {
                WKIds.RequireUid(Uid, "Uid");
                query = new WKConversationMessageQuery
                {
                    ChannelId = WKConversationIds.ForRequest(Uid, ChannelId, ChannelType, "ChannelId"),
                    ChannelType = ChannelType,
                    FromSeq = WKConversationCmdletLogic.StartSeq(FromSeq, Unread, ReadedToMsgSeq),
                };
            });
            if (!valid)
            {
                return;
            }
            if (_buffer!.Add(Uid, query!, out WKChunk<string, WKConversationMessageQuery>? full) && full != null)
            {
                Send(full);
            }
        }

        protected override void EndProcessing()
        {
            foreach (WKChunk<string, WKConversationMessageQuery> rest in _buffer!.Drain())
            {
                if (rest.Items.Count > 0)
                {
                    Send(rest);
                }
            }
        }

        private void Send(WKChunk<string, WKConversationMessageQuery> chunk)
        {
            RunItem(chunk.Key, () =>
            {
                IReadOnlyList<WKConversationMessages> answers = Run(ct => Client.Conversations.GetMessagesAsync(chunk.Key, chunk.Items.ToList(), Count, OldestFirst, ct));
                foreach (WKConversationMessages channel in answers)
                {
                    foreach (WKMessage message in channel.Messages)
                    {
                        WriteObject(message);
                    }
                }
            });
        }
    }
}
