using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.New, "WKChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKChannel))]
    public sealed class NewWKChannelCommand : WKChannelCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKChannelIdCompleter))]
        public string ChannelId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("channel_type")]
        public WKChannelType ChannelType { get; set; } = WKChannelType.Group;

        /// <summary>Initial members; a CSV cell may hold several separated by ';'.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Subscribers")]
        public string[] Subscriber { get; set; } = new string[0];

        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter Ban { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter Disband { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter SendBan { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter Large { get; set; }
        [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter AllowStranger { get; set; }

        /// <summary>Overwrite an existing channel's flags instead of refusing.</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Read the created channel back and write it.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var channel = new WKChannelKey(ChannelId, ChannelType);
            var info = new WKChannelInfo { ChannelId = ChannelId, ChannelType = ChannelType, Ban = Ban, Disband = Disband, SendBan = SendBan, Large = Large, AllowStranger = AllowStranger };
            List<string> members = SplitSubscribers(Subscriber);
            RunItem(channel, () =>
            {
                WKChannelValidation.RequireChannel(ChannelId, ChannelType, specialCharacters: true);
                if (ChannelType == WKChannelType.Person && members.Count > 0)
                {
                    throw WKChannelValidation.PersonHasNoSubscribers(ChannelId);
                }
                // POST /channel overwrites every flag of an existing record, so creating over one needs -Force.
                WKChannel? existing = Run(ct => Client.Channels.GetChannelAsync(ChannelId, ChannelType, ct));
                if (existing != null && !Force)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException(channel + " already exists. Use Set-WKChannel to change flags and Add-WKChannelSubscriber to add members, or -Force to overwrite every flag."),
                        "WKChannelExists", ErrorCategory.ResourceExists, channel));
                    return;
                }
                if (!ShouldProcess(channel + " with " + members.Count + " subscribers, " + WKChannelFlagMerge.Describe(info), existing != null ? "Overwrite channel" : "Create channel"))
                {
                    return;
                }
                Run(ct => Client.Channels.CreateChannelAsync(info, members, false, ct));
                if (PassThru)
                {
                    WriteObject(Run(ct => Client.Channels.GetChannelAsync(ChannelId, ChannelType, ct)));
                }
            });
        }

        private static List<string> SplitSubscribers(string[] values)
        {
            var members = new List<string>();
            foreach (string value in values ?? new string[0])
            {
                foreach (string part in (value ?? string.Empty).Split(';'))
                {
                    if (part.Trim().Length > 0)
                    {
                        members.Add(part.Trim());
                    }
                }
            }
            return members;
        }
    }
}
