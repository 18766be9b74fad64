using System;
using System.Management.Automation;
using System.Security;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommunications.Connect, "WKServer")]
    [OutputType(typeof(WKSession))]
    public sealed class ConnectWKServerCommand : WKCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Url", "BaseUri")]
        [ValidateNotNullOrEmpty]
        public string Uri { get; set; } = string.Empty;

        [Parameter]
        public SecureString? ManagerToken { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = WKClientOptions.DefaultTimeoutSeconds;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; } = WKClientOptions.DefaultMaximumRetryCount;

        [Parameter]
        [ValidateRange(0.0, 60.0)]
        public double RetryIntervalSec { get; set; } = WKClientOptions.DefaultRetryIntervalSeconds;

        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            WKSession session;
            try
            {
                session = WKSession.Create(Uri, ManagerToken, TimeoutSec, MaximumRetryCount, RetryIntervalSec, "Connect-WKServer");
            }
            catch (WKValidationException ex)
            {
                // Kept as a catch: without a session nothing can continue, so bad settings end the command.
                ThrowWKError(ex, Uri);
                return;
            }
            if (session.SendsTokenInClearText)
            {
                WriteWarning("The manager token will travel unencrypted over http:// to " + session.Uri.Host + ". Use https:// through a TLS proxy where the network is not trusted.");
            }
            if (!SkipCheck)
            {
                WKServerTestResult test;
                try
                {
                    test = Run(ct => session.Client.Server.TestAsync(ct));
                }
                catch
                {
                    // Kept as a catch: stopped or failed before the session was stored: nothing else holds it.
                    session.Dispose();
                    throw;
                }
                Exception? failure = ConnectCheck.Evaluate(test);
                if (failure != null)
                {
                    session.Dispose();
                    ThrowWKError(failure, Uri);
                    return;
                }
                if (!test.Healthy)
                {
                    WriteWarning(test.Message);
                }
            }
            WKSessionStore.SetDefault(CurrentRunspaceId, session);
            if (PassThru)
            {
                WriteObject(session);
            }
        }
    }
}
