using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKChannel", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(WKChannel))]
    public sealed class GetWKChannelCommand : WKChannelCmdletBase
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private bool _personWarned;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        /// <summary>Only channels of this type (listing), or the type of the channel to read.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        /// <summary>Only banned channels (-Banned) or only channels that are not banned (-Banned:$false); filtered here, never by the server.</summary>
        [Parameter] public SwitchParameter Banned { get; set; }

        /// <summary>Only disbanded channels (-Disbanded) or only the others (-Disbanded:$false).</summary>
        [Parameter] public SwitchParameter Disbanded { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        /// <summary>Adds each channel's last message (GET /channel/last_message).</summary>
        [Parameter] public SwitchParameter IncludeLastMessage { get; set; }

        /// <summary>Adds each channel's highest message seq (GET /channel/max_message_seq).</summary>
        [Parameter] public SwitchParameter IncludeMaxSeq { get; set; }

        private PagingWindow? _window;

        /// <summary>-Skip and -First over the rows that pass the filters, across all pipeline input.</summary>
        private PagingWindow Window => _window ??= new PagingWindow(PagingParameters.Skip, PagingParameters.First);

        protected override void ProcessRecord()
        {
            bool? ban = Named(nameof(Banned), Banned);
            bool? disband = Named(nameof(Disbanded), Disbanded);
            bool typeGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ChannelType));
            RunItem(ParameterSetName == IdSet ? (object)ChannelId : null, () =>
            {
                if (ParameterSetName == IdSet)
                {
                    IReadOnlyList<WKChannel> rows;
                    if (typeGiven)
                    {
                        WKChannel? one = Run(ct => Client.Channels.GetChannelAsync(ChannelId, ChannelType, ct));
                        rows = one == null ? new WKChannel[0] : new[] { one };
                        if (one == null)
                        {
                            WriteError(new ErrorRecord(new ItemNotFoundException(new WKChannelKey(ChannelId, ChannelType) + " does not exist."), "WKNotFound", ErrorCategory.ObjectNotFound, new WKChannelKey(ChannelId, ChannelType)));
                        }
                    }
                    else
                    {
                        rows = Run(ct => Client.Channels.FindChannelsAsync(ChannelId, ct));
                        if (rows.Count == 0)
                        {
                            WriteWarning("No listed channel has the id " + ChannelId + ". Channels first created by subscriber_add are not listed by the server: give -ChannelType to look one up.");
                        }
                    }
                    foreach (WKChannel row in rows)
                    {
                        Emit(row, ban, disband);
                    }
                    return;
                }

                IAsyncEnumerator<WKChannel> rowsOfAllPages = Client.Channels.ListChannelsAsync(typeGiven ? ChannelType : (WKChannelType?)null, PageSize, CancellationToken).GetAsyncEnumerator(CancellationToken);
                try
                {
                    while (!Window.Done && Run(ct => rowsOfAllPages.MoveNextAsync().AsTask()))
                    {
                        Emit(rowsOfAllPages.Current, ban, disband);
                    }
                }
                finally
                {
                    Run(ct => rowsOfAllPages.DisposeAsync().AsTask());
                }
            });
        }

        private void Emit(WKChannel row, bool? ban, bool? disband)
        {
            if ((ban.HasValue && row.Ban != ban.Value) || (disband.HasValue && row.Disband != disband.Value))
            {
                return;
            }
            if (!Window.Take())
            {
                return;
            }
            if (!row.Listed)
            {
                WriteWarning(row + " is not in the server's channel listing (it was first created by subscriber_add): its subscriber count was counted from the member list, and LastMsgSeq and CreatedAt are not available.");
            }
            AddMessages(row);
            WriteObject(row);
        }

        private void AddMessages(WKChannel row)
        {
            if (!IncludeLastMessage && !IncludeMaxSeq)
            {
                return;
            }
            if (row.ChannelType == WKChannelType.Person)
            {
                // A person channel record is a user; its messages live under per-pair ids that need a login uid.
                if (!_personWarned)
                {
                    WriteWarning("Person channels have no single message history: -IncludeLastMessage and -IncludeMaxSeq are left empty for them.");
                    _personWarned = true;
                }
                return;
            }
            RunItem(row, () =>
            {
                if (IncludeLastMessage)
                {
                    // Null when the channel has no message yet: an empty column, not an error.
                    row.LastMessage = Run(ct => Client.Messages.FindLastMessageAsync(row.ChannelId, row.ChannelType, null, ct));
                }
                if (IncludeMaxSeq)
                {
                    // 0 for a channel without messages, a never-activated one included.
                    row.MaxMessageSeq = Run(ct => Client.Messages.GetMaxMessageSeqAsync(row.ChannelId, row.ChannelType, null, ct));
                }
            });
        }
    }
}
