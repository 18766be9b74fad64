using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Replaces a channel list (Set-WKChannelSubscriber/-Blacklist/-Whitelist): all piped uids are collected per channel,
    /// then the first chunk replaces the list and the others add to it. When the replacing chunk fails, the rest are skipped.
    /// </summary>
    public abstract class WKChannelListReplaceCmdlet : WKChannelCmdletBase
    {
        private GroupedChunkBuffer<WKChannelKey, string>? _collected;
        private BulkProgress? _progress;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>The complete new list; an empty array clears it.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyCollection]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        /// <summary>Replace without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected abstract string Operation { get; }
        protected abstract string Noun { get; }

        /// <summary>Replaces the list with <paramref name="uids"/> (possibly empty).</summary>
        protected abstract Task ReplaceAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken);

        /// <summary>Adds uids after the replacing chunk.</summary>
        protected abstract Task AddAsync(WKChannelKey channel, IReadOnlyList<string> uids, CancellationToken cancellationToken);

        /// <summary>True when the list must be replaced in one request, whatever its size.</summary>
        protected virtual bool ReplaceInOneRequest(WKChannelKey channel) => false;

        protected virtual void ValidateChannel(WKChannelKey channel) => WKChannelValidation.RequireChannel(channel.ChannelId, channel.ChannelType, specialCharacters: false);

        protected override void BeginProcessing()
        {
            _collected = new GroupedChunkBuffer<WKChannelKey, string>(int.MaxValue, dropDuplicates: true);
            _progress = new BulkProgress("Replace " + Noun);
        }

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            try
            {
                ValidateChannel(channel);
            }
            catch (WKValidationException ex)
            {
                WriteWKError(ex, channel);
                return;
            }
            _collected!.Touch(channel);
            foreach (string uid in Uid)
            {
                if (string.IsNullOrWhiteSpace(uid))
                {
                    WriteWKError(new WKValidationException("A uid must not be empty.", "Uid"), channel);
                    continue;
                }
                if (!_collected.Add(channel, uid, out _))
                {
                    WriteObject(RepeatedUid(Operation, channel, uid));
                }
            }
        }

        protected override void EndProcessing()
        {
            IReadOnlyList<WKChunk<WKChannelKey, string>> lists = _collected!.Drain();
            long total = 0;
            foreach (WKChunk<WKChannelKey, string> all in lists)
            {
                total += all.Items.Count;
            }
            _progress!.Total = total;
            foreach (WKChunk<WKChannelKey, string> all in lists)
            {
                ReplaceChannel(all.Key, all.Items);
            }
            WriteBulkProgress(_progress!.Complete());
        }

        private void ReplaceChannel(WKChannelKey channel, IReadOnlyList<string> uids)
        {
            if (!ShouldProcessOrForce(Force, WKBulk.Describe(channel, uids.Count, Noun), "Replace the list with"))
            {
                return;
            }
            if (uids.Count == 0)
            {
                RunItem(channel, () =>
                {
                    Run(ct => ReplaceAsync(channel, Array.Empty<string>(), ct));
                });
                return;
            }
            int size = ReplaceInOneRequest(channel) ? uids.Count : BatchSize;
            for (int start = 0; start < uids.Count; start += size)
            {
                var chunk = new List<string>();
                for (int i = start; i < Math.Min(uids.Count, start + size); i++)
                {
                    chunk.Add(uids[i]);
                }
                bool first = start == 0;
                IReadOnlyList<WKBulkItemResult> results = Run(ct => WKBulk.RunChunkAsync(Operation, channel, chunk, c => first ? ReplaceAsync(channel, chunk, c) : AddAsync(channel, chunk, c), ct));
                WriteBulkResults(results, chunk, _progress);
                if (first && results[0].Status == WKBulkItemStatus.Failed)
                {
                    // Adding the rest to a list that was not replaced would merge instead of replace.
                    var rest = new List<string>();
                    for (int i = chunk.Count; i < uids.Count; i++)
                    {
                        rest.Add(uids[i]);
                    }
                    foreach (WKBulkItemResult skipped in WKBulk.Results(Operation, channel, rest, WKBulkItemStatus.Skipped, null, "not sent: replacing the list failed"))
                    {
                        WriteObject(skipped);
                    }
                    return;
                }
            }
        }
    }
}
