using System;
using System.Linq;
using System.Threading.Tasks;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>
    /// The default session belongs to the runspace, and Runspace.DefaultRunspace is thread-static: a -ThrottleLimit
    /// cmdlet's requests run on thread-pool threads, which see no runspace. The session must therefore be resolved on the
    /// pipeline thread, when the dispatcher is created, or Get-WKUser -Uid / Get-WKUserDevice fail with WKNotConnected
    /// right after a successful Connect-WKServer.
    /// </summary>
    [Collection(DefaultRunspaceCollection.Name)]
    public sealed class DispatcherSessionTests
    {
        [Fact]
        public void Dispatched_work_uses_the_session_that_the_pipeline_thread_sees()
        {
            // Without an engine the runspace id is Guid.Empty on every thread: the pipeline thread's view is the default
            // set here, and a worker thread's view (no runspace, hence no default) is simulated by removing it before the
            // work starts.
            using WKSession session = WKSession.Create("http://127.0.0.1:1", null, 30, 0, 0, "Connect-WKServer");
            WKSessionStore.SetDefault(Guid.Empty, session);
            var probe = new DispatchProbe();
            OrderedDispatcher<int, Uri> dispatcher;
            try
            {
                dispatcher = probe.Create();
            }
            finally
            {
                WKSessionStore.RemoveDefault(Guid.Empty);
            }
            dispatcher.Post(1);
            DispatchOutcome<int, Uri> outcome = dispatcher.Drain().Single();
            Assert.Null(outcome.Error);
            Assert.Equal(session.Uri, outcome.Result);
        }

        private sealed class DispatchProbe : WKApiCmdlet
        {
            public OrderedDispatcher<int, Uri> Create() => CreateDispatcher<int, Uri>(1, (_, ct) => Task.FromResult(Client.BaseUri));
        }
    }

    /// <summary>Tests that touch the default session of Guid.Empty (the runspace id without an engine) run one at a time.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class DefaultRunspaceCollection
    {
        public const string Name = "Default runspace";
    }
}
