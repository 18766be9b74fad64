using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Base of every cmdlet that calls the server: the -Session parameter and its resolution.</summary>
    public abstract class WKApiCmdlet : WKCmdlet
    {
        private WKSession? _resolved;

        /// <summary>The session to use; defaults to the one from Connect-WKServer, then to WUKONGIM_URL.</summary>
        [Parameter]
        [ValidateNotNull]
        public WKSession? Session { get; set; }

        /// <summary>The resolved session; a terminating WKNotConnected error when there is none.</summary>
        protected WKSession ActiveSession
        {
            get
            {
                if (_resolved == null)
                {
                    try
                    {
                        _resolved = WKSessionStore.Resolve(Session, CurrentRunspaceId, Environment.GetEnvironmentVariable);
                    }
                    catch (Exception ex) when (ex is WKNotConnectedException || ex is WKValidationException)
                    {
                        ThrowWKError(ex, null);
                        throw; // not reached: ThrowTerminatingError always throws
                    }
                }
                return _resolved;
            }
        }

        protected WKClient Client => ActiveSession.Client;

        /// <summary>The runspace's default session is only visible on the pipeline thread, so it is resolved there.</summary>
        protected override void PrepareForWorkerThreads() => _ = ActiveSession;
    }
}
