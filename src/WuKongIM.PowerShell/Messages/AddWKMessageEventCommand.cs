using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Appends an event to a stream message (POST /message/event): deltas, snapshots and terminal states per lane.</summary>
    [Cmdlet(VerbsCommon.Add, "WKMessageEvent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(WKMessageEventResult))]
    public sealed class AddWKMessageEventCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("client_msg_no")]
        [ValidateNotNullOrEmpty]
        public string ClientMsgNo { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("from_uid")]
        public string? FromUid { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_id")]
        public long MessageId { get; set; }

        /// <summary>stream.delta (the default with -Text), stream.snapshot, stream.close, stream.error, stream.cancel, stream.finish, or your own.</summary>
        [Parameter(Position = 0)]
        [Alias("event_type")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKEventTypeCompleter))]
        public string? EventType { get; set; }

        [Parameter(Position = 1)]
        public string? Text { get; set; }

        [Parameter]
        public object? Payload { get; set; }

        [Parameter]
        [Alias("event_key", "Lane")]
        [ValidateNotNullOrEmpty]
        public string? EventKey { get; set; }

        [Parameter]
        [Alias("event_id")]
        [ValidateNotNullOrEmpty]
        public string? EventId { get; set; }

        [Parameter]
        public string? Visibility { get; set; }

        [Parameter]
        public DateTimeOffset? OccurredAt { get; set; }

        [Parameter]
        public Hashtable? Headers { get; set; }

        protected override void ProcessRecord()
        {
            string eventType = EventType ?? (Text != null ? "stream.delta" : string.Empty);
            RunItem(ClientMsgNo, () =>
            {
                if (eventType.Length == 0)
                {
                    throw new WKValidationException("An event type is required: -EventType stream.delta, stream.snapshot, stream.close, stream.error, stream.cancel, stream.finish or your own.", "EventType");
                }
                var request = new WKMessageEventRequest
                {
                    ChannelId = ChannelId,
                    ChannelType = ChannelType,
                    ClientMsgNo = ClientMsgNo,
                    FromUid = FromUid,
                    MessageId = MessageId,
                    EventType = eventType,
                    EventKey = EventKey,
                    EventId = EventId,
                    Visibility = Visibility,
                    OccurredAt = OccurredAt,
                    PayloadJson = WKPayload.EventPayloadJson(eventType, Text, WKPowerShellValue.Unwrap(Payload)),
                    Headers = ToHeaders(Headers),
                };
                if (!ShouldProcess("stream " + ClientMsgNo + " in channel " + ChannelId + " (" + ChannelType + ")", "Add " + eventType + " event to lane " + (EventKey ?? "main")))
                {
                    return;
                }
                WriteObject(Run(ct => Client.Messages.AddEventAsync(request, ct)));
            });
        }

        private static IDictionary<string, string>? ToHeaders(Hashtable? headers)
        {
            if (headers == null)
            {
                return null;
            }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in headers)
            {
                map[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
            return map;
        }
    }
}
