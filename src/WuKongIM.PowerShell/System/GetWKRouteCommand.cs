using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKRoute", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(WKRoute))]
    public sealed class GetWKRouteCommand : WKApiCmdlet
    {
        private const string AllSet = "Server";
        private const string UidSet = "Uid";
        private ChunkBuffer<string>? _batch;

        /// <summary>Users to route; v2.2.5 answers the same addresses for every uid.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UidSet)]
        [Alias("UserId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string[] Uid { get; set; } = new string[0];

        /// <summary>Return intranet addresses (intranet=1) instead of external ones.</summary>
        [Parameter]
        public SwitchParameter Intranet { get; set; }

        [Parameter(ParameterSetName = UidSet)]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 1000;

        protected override void BeginProcessing() => _batch = new ChunkBuffer<string>(BatchSize);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == AllSet)
            {
                RunItem(null, () =>
                {
                    WriteObject(Run(ct => Client.Server.GetRouteAsync(Intranet, ct)));
                });
                return;
            }
            foreach (string uid in Uid)
            {
                IReadOnlyList<string>? full = _batch!.Add(uid);
                if (full != null)
                {
                    Send(full);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == UidSet)
            {
                IReadOnlyList<string> rest = _batch!.Drain();
                if (rest.Count > 0)
                {
                    Send(rest);
                }
            }
        }

        private void Send(IReadOnlyList<string> uids)
        {
            RunItem(uids, () =>
            {
                foreach (WKRoute route in Run(ct => Client.Server.GetRoutesAsync(new List<string>(uids), Intranet, ct)))
                {
                    WriteObject(route);
                }
            });
        }
    }
}
