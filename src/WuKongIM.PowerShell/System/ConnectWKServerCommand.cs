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

        /// <summary>A manager user (the server's auth.users) for POST /manager/login; the cluster topology actions need it.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

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
        [ValidateRange(1, 86400)]
        public int DeadlineSec { get; set; } = (int)WKClientOptions.DefaultDeadline.TotalSeconds;

        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            WKSession session;
            try
            {
                bool login = Credential != null && Credential != PSCredential.Empty;
                session = WKSession.Create(Uri, ManagerToken, TimeoutSec, MaximumRetryCount, RetryIntervalSec, "Connect-WKServer",
                    login ? Credential!.UserName : null, login ? Credential!.Password : null, DeadlineSec);
            }
            catch (WKValidationException ex)
            {
                // Kept as a catch: without a session nothing can continue, so bad settings end the command.
                ThrowWKError(ex, Uri);
                return;
            }
            if (session.SendsTokenInClearText)
            {
                WriteWarning("The manager token or password will travel unencrypted over http:// to " + session.Uri.Host + ". Use https:// through a TLS proxy where the network is not trusted.");
            }
            if (!SkipCheck)
            {
                WKServerTestResult test;
                try
                {
                    // A hung server fails the check within ConnectCheck.Deadline, not after every retry of every attempt.
                    using (WKCallDeadline.Begin(ConnectCheck.Deadline))
                    {
                        test = Run(ct => session.Client.Server.TestAsync(ct));
                    }
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
                if (session.ManagerUser != null)
                {
                    // Log in now, so a wrong password is reported here rather than at the first topology action.
                    try
                    {
                        Run(ct => session.Client.Cluster.LoginAsync(ct));
                    }
                    catch (Exception ex)
                    {
                        session.Dispose();
                        if (ex is WKApiException)
                        {
                            ThrowWKError(ex, session.ManagerUser);
                        }
                        throw;
                    }
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
