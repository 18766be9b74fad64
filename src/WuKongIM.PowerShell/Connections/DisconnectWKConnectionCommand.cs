using System;
using System.Globalization;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Kicks client connections (POST /conn/kick); -Force closes them at once (POST /conn/remove).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "WKConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKUserResult))]
    public sealed class DisconnectWKConnectionCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("conn_id", "Id")]
        public long ConnId { get; set; }

        /// <summary>The node the connection lives on (NodeId of Get-WKConnection); 0 = the node answering.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("node_id")]
        public ulong NodeId { get; set; }

        /// <summary>The uid's leader node (LeaderId of Get-WKConnection); asked to execute the request only when the holding node (NodeId) is not known.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("leader_id", "OpNodeId")]
        public ulong LeaderId { get; set; }

        /// <summary>Close at once with /conn/remove instead of kicking (disconnect packet, closed ~2 s later).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string target = Uid + " #" + ConnId.ToString(CultureInfo.InvariantCulture);
            RunItem(target, () =>
            {
                WKInputRules.Uid(Uid);
                if (!ShouldProcess(target, Force ? "Close connection (/conn/remove)" : "Kick connection (/conn/kick)"))
                {
                    return;
                }
                // The node holding the connection closes it: op_node_id forwards the request there, so a connection listed
                // by Get-WKConnection -AllNodes is closed whichever node the session talks to.
                ulong executor = NodeId != 0 ? NodeId : LeaderId;
                if (Force)
                {
                    Run(ct => Client.Connections.RemoveAsync(Uid, ConnId, NodeId, executor, ct));
                }
                else
                {
                    Run(ct => Client.Connections.KickAsync(Uid, ConnId, NodeId, executor, ct));
                }
                if (PassThru)
                {
                    WriteObject(new WKUserResult { Uid = Uid, Action = Force ? "RemoveConnection" : "KickConnection" });
                }
            });
        }
    }
}
