using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommunications.Disconnect, "WKServer", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectWKServerCommand : WKCmdlet
    {
        /// <summary>The session to close; by default the current one of this runspace.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public WKSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            WKSession? current = WKSessionStore.GetDefault(CurrentRunspaceId);
            WKSession? target = Session ?? current;
            if (target == null)
            {
                WriteVerbose("No session is connected in this runspace.");
                return;
            }
            if (!ShouldProcess(target.Uri.AbsoluteUri, "Disconnect"))
            {
                return;
            }
            if (ReferenceEquals(target, current))
            {
                WKSessionStore.RemoveDefault(CurrentRunspaceId);
            }
            target.Dispose();
        }
    }
}
