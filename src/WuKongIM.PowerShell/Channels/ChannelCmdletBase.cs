using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Helpers shared by the Channels cmdlets.</summary>
    public abstract class WKChannelCmdletBase : WKApiCmdlet
    {
        /// <summary>
        /// ShouldProcess that -Force can skip: with -Force no prompt is shown unless -Confirm is given explicitly, and
        /// -WhatIf (here or from a caller) still only reports. The module's one rule for this is <see cref="WKForce"/>.
        /// </summary>
        protected bool ConfirmChange(string target, string action, bool force)
        {
            if (WKForce.SkipsShouldProcess(force, MyInvocation.BoundParameters, () => GetVariableValue("WhatIfPreference")))
            {
                return true;
            }
            return ShouldProcess(target, action);
        }

        /// <summary>True when the caller named the parameter (so <c>-Ban:$false</c> differs from leaving -Ban out).</summary>
        protected bool? Named(string parameterName, SwitchParameter value) =>
            MyInvocation.BoundParameters.ContainsKey(parameterName) ? value.IsPresent : (bool?)null;

        /// <summary>Writes what a flag plan will do: a warning for flags that will be reset blindly, verbose for remembered ones.</summary>
        protected void ReportFlagPlan(WKChannelFlagPlan plan)
        {
            var key = new WKChannelKey(plan.Info.ChannelId, plan.Info.ChannelType);
            if (plan.UnknownFlags.Count > 0)
            {
                WriteWarning(key + ": the server does not let anyone read " + string.Join(", ", plan.UnknownFlags) +
                    ", and POST /channel/info overwrites every flag, so these will be sent as 0 (off). Name them (for example -" + plan.UnknownFlags[0] + ") to keep them on.");
            }
            if (plan.RememberedFlags.Count > 0)
            {
                WriteVerbose(key + ": " + string.Join(", ", plan.RememberedFlags) + " are sent as this session last wrote them.");
            }
        }

        /// <summary>The -All path of the Remove cmdlets: one request that empties the list, after ShouldProcess and ShouldContinue, both skipped by -Force.</summary>
        protected void RemoveEntireList(WKChannelKey channel, string listName, bool force, Func<CancellationToken, Task> call)
        {
            // Plain ShouldProcess would still prompt a ConfirmImpact=High cmdlet (Remove-WKChannelSubscriber) given -Force.
            if (!ConfirmChange(channel + ": every uid on the " + listName, "Remove all", force))
            {
                return;
            }
            if (!force && !ShouldContinue("Remove every uid from the " + listName + " of " + channel + "?", "Empty the " + listName))
            {
                return;
            }
            try
            {
                Run(call);
            }
            catch (Exception ex) when (ex is WKApiException || ex is WKValidationException)
            {
                WriteWKError(ex, channel);
            }
        }

        /// <summary>The result row of a uid given again for the same channel: it is sent once, and this row says so.</summary>
        protected static WKBulkItemResult RepeatedUid(string operation, WKChannelKey channel, string uid) =>
            new WKBulkItemResult(operation, channel.ChannelId, channel.ChannelType, uid, WKBulkItemStatus.Skipped, "repeated: this uid was already given for the channel and is sent once");

        /// <summary>The checks for a subscriber list: no special characters, and never a person channel.</summary>
        protected static void RequireSubscriberChannel(WKChannelKey channel)
        {
            WKChannelValidation.RequireChannel(channel.ChannelId, channel.ChannelType, specialCharacters: true);
            if (channel.ChannelType == WKChannelType.Person)
            {
                throw WKChannelValidation.PersonHasNoSubscribers(channel.ChannelId);
            }
        }

        /// <summary>Reads the channel, merges the named flag changes, asks, and sends POST /channel/info. Returns the sent flags, or null.</summary>
        protected WKChannelInfo? ApplyFlagChanges(string channelId, WKChannelType channelType, WKChannelFlagChanges changes, string action)
        {
            var key = new WKChannelKey(channelId, channelType);
            try
            {
                WKChannelFlagPlan plan = Run(ct => Client.Channels.PlanFlagUpdateAsync(channelId, channelType, changes, ct));
                ReportFlagPlan(plan);
                if (!ShouldProcess(key + " -> " + WKChannelFlagMerge.Describe(plan.Info), action))
                {
                    return null;
                }
                Run(ct => Client.Channels.SetChannelInfoAsync(plan.Info, ct));
                return plan.Info;
            }
            catch (Exception ex) when (ex is WKApiException || ex is WKValidationException)
            {
                WriteWKError(ex, key);
                return null;
            }
        }
    }

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

        /// <summary>The channel; binds from a ChannelId (or channel_id) property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = string.Empty;

        /// <summary>The channel type; Group unless given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>The uids; strings bind by value, objects by their Uid (or uid, UserId) property.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UidSet)]
        [Alias("UserId")]
        [AllowEmptyString]
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
            var channel = new WKChannelKey(ChannelId, ChannelType);
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
            if (!ShouldProcess(WKBulk.Describe(chunk.Key, chunk.Items.Count, Noun), Action))
            {
                return;
            }
            IReadOnlyList<WKBulkItemResult> results = Run(ct => WKBulk.RunChunkAsync(Operation, chunk.Key, chunk.Items, c => SendAsync(chunk.Key, chunk.Items, c), ct));
            WriteBulkResults(results, chunk.Items, _progress);
        }
    }

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
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>The complete new list; an empty array clears it.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyCollection]
        [AllowEmptyString]
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
            if (!ConfirmChange(WKBulk.Describe(channel, uids.Count, Noun), "Replace the list with", Force))
            {
                return;
            }
            if (uids.Count == 0)
            {
                try
                {
                    Run(ct => ReplaceAsync(channel, Array.Empty<string>(), ct));
                }
                catch (Exception ex) when (ex is WKApiException || ex is WKValidationException)
                {
                    WriteWKError(ex, channel);
                }
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
