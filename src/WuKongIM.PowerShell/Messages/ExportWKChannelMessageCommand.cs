using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Archives a channel's history to JSON Lines or CSV, oldest first, holding one page in memory; -Resume continues an
    /// existing file after its last seq (for scheduled archiving).
    /// </summary>
    [Cmdlet(VerbsData.Export, "WKChannelMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKExportResult))]
    public sealed class ExportWKChannelMessageCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("login_uid")]
        public string? LoginUid { get; set; }

        /// <summary>The file; {ChannelId} and {ChannelType} are replaced per channel.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        public WKExportFormat? Format { get; set; }

        [Parameter]
        public SwitchParameter Resume { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ulong? StartSeq { get; set; }

        [Parameter]
        public ulong? EndSeq { get; set; }

        [Parameter]
        [ValidateRange(1, WKChannelMessagePager.MaxPageSize)]
        public int PageSize { get; set; } = 1000;

        private readonly WKExportTargets _targets = new WKExportTargets();

        protected override void ProcessRecord()
        {
            string expanded = WKMessageExporter.ExpandPath(Path, ChannelId, ChannelType);
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(expanded);
            WKExportFormat format = Format ?? WKMessageExporter.FormatFromPath(file);
            if (!RunItem(file, () => _targets.Claim(file, ChannelId, ChannelType, LoginUid)))
            {
                return;
            }
            if (!ShouldProcess(file, "Export the messages of channel " + ChannelId + " (" + ChannelType + ") as " + format + (Resume ? ", resuming" : string.Empty)))
            {
                return;
            }
            RunItem(file, () =>
            {
                var query = new WKChannelMessageQuery { ChannelId = ChannelId, ChannelType = ChannelType, LoginUid = LoginUid, StartSeq = StartSeq, EndSeq = EndSeq, PageSize = PageSize };
                // Pages arrive on the thread pool: remember the count there, show it from the pipeline thread.
                var progress = new BulkProgress("Exporting " + ChannelId + " to " + file);
                long written = 0, shown = 0;
                void ShowProgress()
                {
                    long now = Interlocked.Read(ref written);
                    WriteBulkProgress(progress.Advance(now - shown));
                    shown = now;
                }
                WKExportResult result = Run(ct => WKMessageExporter.ExportAsync(Client.Messages, query, file, format, Resume, Force, page => Interlocked.Exchange(ref written, page.Count), ct), ShowProgress);
                ShowProgress();
                WriteBulkProgress(progress.Complete());
                WriteObject(result);
            });
        }
    }
}
