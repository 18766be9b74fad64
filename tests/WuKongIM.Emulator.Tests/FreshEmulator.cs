using System;
using System.Threading.Tasks;
using WuKongIM.Tests.Shared;

namespace WuKongIM.Emulator.Tests
{
    /// <summary>A private emulator for a test that needs empty global state (system uids, the whole user list).</summary>
    internal sealed class FreshEmulator : IAsyncDisposable
    {
        private FreshEmulator(EmulatorFixture fixture) => Fixture = fixture;

        public EmulatorFixture Fixture { get; }

        public static async Task<FreshEmulator> StartAsync()
        {
            var fixture = new EmulatorFixture();
            await fixture.InitializeAsync();
            return new FreshEmulator(fixture);
        }

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
