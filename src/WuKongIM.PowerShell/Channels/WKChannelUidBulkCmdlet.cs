using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Add (and Remove) of uids on a channel list: uids stream in by value or by property, are buffered per channel and sent
    /// in chunks of -BatchSize (one request each); one result per uid says what happened. A failed chunk writes one error
    /// naming its uids and the other chunks still go through.
    /// </summary>
    public abstract class WKChannelUidBulkCmdlet : WKChannelCmdletBase
    {
        protected const string UidSet = "Uid";
        private GroupedChunkBuffer<WKChannelKey, string>? _buffer;
        private BulkProgress? _progress;
        // The channel of the previous record, already checked: piped uids mostly bind the same channel every time.
        private string? _checkedId;
        private WKChannelType _checkedType;
        private WKChannelKey _checkedChannel;

        /// <summary>The channel; binds from a ChannelId (or channel_id) property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        /// <summary>The channel type; Group unless given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>The uids; strings bind by value, objects by their Uid (or uid, UserId) property.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UidSet)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>How many uids one request carries.</summary>
        [Parameter(ParameterSetName = UidSet)]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        /// <summary>The operation name in results, e.g. AddSubscriber.</summary>
        protected abstract string Operation { get; }

        /// <summary>ShouldProcess action, e.g. "Add subscribers".</summary>
        protected abstract string Action { get; }

        /// <summary>What the uids are in a ShouldProcess target, e.g. "subscribers".</summary>
        protected abstract string Noun { get; }

        /// <summary>-Force of the Remove cmdlets: the chunks go without asking (Add has no -Force).</summary>
        protected virtual bool ForceGiven => false;

        protected abstract Task SendAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken);

        /// <summary>Refuses a channel before anything is buffered (throws WKValidationException).</summary>
        protected virtual void ValidateChannel(WKChannelKey channel) => WKChannelValidation.RequireChannel(channel.ChannelId, channel.ChannelType, specialCharacters: false);

        protected override void BeginProcessing()
        {
            _buffer = new GroupedChunkBuffer<WKChannelKey, string>(BatchSize, dropDuplicates: true);
            _progress = new BulkProgress(Action);
        }

        protected override void ProcessRecord()
        {
            WKChannelKey channel;
            if (_checkedId != null && ChannelType == _checkedType && string.Equals(ChannelId, _checkedId, StringComparison.Ordinal))
            {
                channel = _checkedChannel;
            }
            else
            {
                channel = new WKChannelKey(ChannelId, ChannelType);
                try
                {
                    ValidateChannel(channel);
                }
                catch (WKValidationException ex)
                {
                    WriteWKError(ex, channel);
                    foreach (WKBulkItemResult skipped in WKBulk.Results(Operation, channel, Uid, WKBulkItemStatus.Skipped, ex))
                    {
                        WriteObject(skipped);
                    }
                    return;
                }
                _checkedId = ChannelId;
                _checkedType = ChannelType;
                _checkedChannel = channel;
            }
            foreach (string uid in Uid)
            {
                if (string.IsNullOrWhiteSpace(uid))
                {
                    var empty = new WKValidationException("A uid must not be empty.", "Uid");
                    WriteWKError(empty, channel);
                    WriteObject(new WKBulkItemResult(Operation, channel.ChannelId, channel.ChannelType, uid ?? string.Empty, WKBulkItemStatus.Skipped, empty.Message, empty));
                    continue;
                }
                if (!_buffer!.Add(channel, uid, out WKChunk<WKChannelKey, string>? full))
                {
                    WriteObject(RepeatedUid(Operation, channel, uid));
                    continue;
                }
                if (full != null)
                {
                    Send(full);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_buffer == null)
            {
                return;
            }
            foreach (WKChunk<WKChannelKey, string> rest in _buffer.Drain())
            {
                if (rest.Items.Count > 0)
                {
                    Send(rest);
                }
            }
            WriteBulkProgress(_progress!.Complete());
        }

        private void Send(WKChunk<WKChannelKey, string> chunk)
        {
            if (!ShouldProcessOrForce(ForceGiven, WKBulk.Describe(chunk.Key, chunk.Items.Count, Noun), Action))
            {
                return;
            }
            IReadOnlyList<WKBulkItemResult> results = Run(ct => WKBulk.RunChunkAsync(Operation, chunk.Key, chunk.Items, c => SendAsync(chunk.Key, chunk.Items, c), ct));
            WriteBulkResults(results, chunk.Items, _progress);
        }
    }
}
