using System;
using System.Threading;

namespace WuKongIM.Client
{
    /// <summary>
    /// Sets the overall deadline of every call made in a scope (on this async flow), overriding
    /// <see cref="WKClientOptions.Deadline"/>: <c>using (WKCallDeadline.Begin(TimeSpan.FromSeconds(15))) { ... }</c>.
    /// A command that must answer quickly (a connection check) or a caller's own time budget uses it.
    /// </summary>
    public static class WKCallDeadline
    {
        private static readonly AsyncLocal<TimeSpan?> Scoped = new AsyncLocal<TimeSpan?>();

        /// <summary>The deadline of the current scope, or null for the client's own.</summary>
        public static TimeSpan? Current => Scoped.Value;

        public static IDisposable Begin(TimeSpan deadline)
        {
            if (deadline <= TimeSpan.Zero)
            {
                throw new WKValidationException("The deadline must be positive.", nameof(deadline));
            }
            TimeSpan? previous = Scoped.Value;
            Scoped.Value = deadline;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly TimeSpan? _previous;

            public Restore(TimeSpan? previous) => _previous = previous;

            public void Dispose() => Scoped.Value = _previous;
        }
    }
}
