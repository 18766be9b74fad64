using System;
using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    [Cmdlet(VerbsCommon.Get, "WKSession")]
    [OutputType(typeof(WKSession))]
    public sealed class GetWKSessionCommand : WKCmdlet
    {
        protected override void ProcessRecord()
        {
            WKSession? session = WKSessionStore.GetDefault(CurrentRunspaceId);
            if (session == null || session.IsDisposed)
            {
                session = WKSessionStore.FromEnvironment(Environment.GetEnvironmentVariable);
            }
            if (session != null)
            {
                WriteObject(session);
            }
        }
    }
}
