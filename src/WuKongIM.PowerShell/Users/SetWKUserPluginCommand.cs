using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Binds a user to a plugin number (POST /user/update_plugin_no), used by AI and bot plugins.</summary>
    [Cmdlet(VerbsCommon.Set, "WKUserPlugin", SupportsShouldProcess = true)]
    [OutputType(typeof(WKUserResult))]
    public sealed class SetWKUserPluginCommand : WKApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WKUidCompleter))]
        public string Uid { get; set; } = string.Empty;

        /// <summary>The plugin number; an empty string unbinds the user.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("plugin_no")]
        [AllowEmptyString]
        public string PluginNo { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            RunItem(Uid, () =>
            {
                WKInputRules.Uid(Uid);
                if (!ShouldProcess(Uid, PluginNo.Length == 0 ? "Unbind from its plugin" : "Bind to plugin " + PluginNo))
                {
                    return;
                }
                Run(ct => Client.Users.UpdatePluginNoAsync(Uid, PluginNo, ct));
                if (PassThru)
                {
                    WriteObject(new WKUserResult { Uid = Uid, Action = "SetPlugin" });
                }
            });
        }
    }
}
