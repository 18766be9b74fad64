using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Reads a channel's history through POST /channel/messagesync, page by page: each page is written as it arrives and no
    /// further page is requested once -First messages were written.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WKChannelMessage", DefaultParameterSetName = FirstSet)]
    [OutputType(typeof(WKMessage))]
    public sealed class GetWKChannelMessageCommand : WKApiCmdlet
    {
        private const string FirstSet = "First";
        private const string AllSet = "All";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        /// <summary>For person channels: the other party. Other channels accept any uid.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("login_uid")]
        public string? LoginUid { get; set; }

        [Parameter]
        [Alias("start_message_seq")]
        public ulong? StartSeq { get; set; }

        [Parameter]
        [Alias("end_message_seq")]
        public ulong? EndSeq { get; set; }

        [Parameter]
        public SwitchParameter NewestFirst { get; set; }

        [Parameter(ParameterSetName = FirstSet)]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; } = 100;

        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        [Parameter]
        [ValidateRange(1, WKChannelMessagePager.MaxPageSize)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            RunItem(ChannelId, () =>
            {
                WKChannelMessagePager pager = Client.Messages.CreatePager(new WKChannelMessageQuery
                {
                    ChannelId = ChannelId,
                    ChannelType = ChannelType,
                    LoginUid = LoginUid,
                    StartSeq = StartSeq,
                    EndSeq = EndSeq,
                    Order = NewestFirst ? WKMessageOrder.NewestFirst : WKMessageOrder.OldestFirst,
                    MaxCount = All ? (long?)null : First,
                    PageSize = PageSize,
                });
                while (!pager.Finished)
                {
                    IReadOnlyList<WKMessage> page = Run(ct => pager.NextPageAsync(ct));
                    foreach (WKMessage message in page)
                    {
                        WriteObject(message);
                    }
                }
            });
        }
    }
}
