using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>WKSession and WKSessionStore: which session a cmdlet uses, and that the token never shows.</summary>
    public sealed class SessionTests
    {
        private const string Token = "s3cr3t-manager-token-7f1c";
        private static int _port = 20000;

        // The store is process-wide: every test uses its own runspace id and its own address.
        private static string UniqueUrl() => "http://127.0.0.1:" + Interlocked.Increment(ref _port).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static Func<string, string?> Environment(string? url, string? token = null) => name =>
            name == WKSessionStore.UrlVariable ? url : name == WKSessionStore.TokenVariable ? token : null;

        private static WKSession NewSession(string? token = null) => WKSession.Create(UniqueUrl(), WKSessionStore.ToSecureString(token), 30, 3, 0.5, "Connect-WKServer");

        [Fact]
        public void An_explicit_session_wins_over_the_default_and_the_environment()
        {
            Guid runspace = Guid.NewGuid();
            using WKSession explicitSession = NewSession();
            using WKSession current = NewSession();
            WKSessionStore.SetDefault(runspace, current);
            try
            {
                Assert.Same(explicitSession, WKSessionStore.Resolve(explicitSession, runspace, Environment(UniqueUrl())));
            }
            finally
            {
                WKSessionStore.RemoveDefault(runspace);
            }
        }

        [Fact]
        public void The_runspace_default_comes_before_the_environment_and_is_per_runspace()
        {
            Guid runspace = Guid.NewGuid();
            using WKSession current = NewSession();
            WKSessionStore.SetDefault(runspace, current);
            try
            {
                Assert.Same(current, WKSessionStore.Resolve(null, runspace, Environment(UniqueUrl())));
                Assert.Same(current, WKSessionStore.GetDefault(runspace));
                Assert.Null(WKSessionStore.GetDefault(Guid.NewGuid()));
            }
            finally
            {
                Assert.Same(current, WKSessionStore.RemoveDefault(runspace));
            }
            Assert.Null(WKSessionStore.GetDefault(runspace));
        }

        [Fact]
        public void A_closed_default_session_is_skipped()
        {
            Guid runspace = Guid.NewGuid();
            WKSession closed = NewSession();
            closed.Dispose();
            WKSessionStore.SetDefault(runspace, closed);
            try
            {
                string url = UniqueUrl();
                WKSession resolved = WKSessionStore.Resolve(null, runspace, Environment(url));
                Assert.Equal(new Uri(url), resolved.Uri);
                Assert.Throws<WKNotConnectedException>(() => WKSessionStore.Resolve(null, runspace, Environment(null)));
                Assert.Throws<WKNotConnectedException>(() => WKSessionStore.Resolve(closed, runspace, Environment(url)));
            }
            finally
            {
                WKSessionStore.RemoveDefault(runspace);
            }
        }

        [Fact]
        public void The_environment_session_is_reused_while_the_variables_stay_the_same()
        {
            string url = UniqueUrl();
            WKSession first = WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url, Token));
            WKSession again = WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url, Token));
            Assert.Same(first, again);
            Assert.Equal("Environment", first.Source);
            Assert.True(first.HasManagerToken);
            Assert.Equal(new Uri(url), first.Uri);

            WKSession otherToken = WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url, Token + "-rotated"));
            Assert.NotSame(first, otherToken);
            WKSession noToken = WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url, null));
            Assert.NotSame(first, noToken);
            Assert.False(noToken.HasManagerToken);
            Assert.NotSame(first, WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(UniqueUrl(), Token)));
        }

        [Fact]
        public void A_disconnected_environment_session_is_replaced_not_handed_out_again()
        {
            string url = UniqueUrl();
            WKSession first = WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url, Token));
            first.Dispose();
            WKSession next = WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url, Token));
            Assert.NotSame(first, next);
            Assert.False(next.IsDisposed);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void Nothing_configured_means_not_connected(string? url)
        {
            WKNotConnectedException ex = Assert.Throws<WKNotConnectedException>(() => WKSessionStore.Resolve(null, Guid.NewGuid(), Environment(url)));
            Assert.Contains("WUKONGIM_URL", ex.Message, StringComparison.Ordinal);
            Assert.Null(WKSessionStore.FromEnvironment(Environment(url)));
        }

        [Fact]
        public void The_token_is_never_in_the_session_text_or_its_public_properties()
        {
            using WKSession session = NewSession(Token);
            WKSession fromEnvironment = WKSessionStore.FromEnvironment(Environment(UniqueUrl(), Token))!;
            foreach (WKSession s in new[] { session, fromEnvironment })
            {
                Assert.True(s.HasManagerToken);
                Assert.DoesNotContain(Token, s.ToString(), StringComparison.Ordinal);
                Violations.None(Walk(s, "session", 0, new HashSet<object>(ReferenceEqualityComparer.Instance)).Where(v => v.Text.Contains(Token, StringComparison.Ordinal)).Select(v => v.Path),
                    "Public properties that reveal the token");
            }
        }

        /// <summary>Every public property value reachable from an object (a few levels deep), as text.</summary>
        private static IEnumerable<(string Path, string Text)> Walk(object value, string path, int depth, HashSet<object> seen)
        {
            yield return (path, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            if (depth >= 4 || value is string || value.GetType().IsPrimitive || !seen.Add(value))
            {
                yield break;
            }
            if (value is IEnumerable items && value is not string)
            {
                int i = 0;
                foreach (object? item in items)
                {
                    if (item != null && i < 20)
                    {
                        foreach (var inner in Walk(item, path + "[" + i + "]", depth + 1, seen))
                        {
                            yield return inner;
                        }
                    }
                    i++;
                }
            }
            foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod != null))
            {
                object? child;
                try
                {
                    child = property.GetValue(value);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }
                if (child != null)
                {
                    foreach (var inner in Walk(child, path + "." + property.Name, depth + 1, seen))
                    {
                        yield return inner;
                    }
                }
            }
        }

        [Theory]
        [InlineData("127.0.0.1:5001", "http://127.0.0.1:5001/")]
        [InlineData("  im.example.com  ", "http://im.example.com/")]
        [InlineData("https://im.example.com", "https://im.example.com/")]
        [InlineData("http://proxy.example.com/wukongim/", "http://proxy.example.com/wukongim/")]
        public void Server_addresses_are_parsed(string input, string expected)
        {
            Assert.Equal(new Uri(expected), WKSession.ParseUri(input));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("ftp://im.example.com")]
        [InlineData("file:///etc/passwd")]
        [InlineData("http://")]
        [InlineData("http://im.example.com/?token=abc")]
        [InlineData("http://im.example.com/#top")]
        [InlineData("http://admin:secret@im.example.com")]
        [InlineData("http://exa mple.com")]
        public void Bad_server_addresses_are_refused(string input)
        {
            WKValidationException ex = Assert.Throws<WKValidationException>(() => WKSession.ParseUri(input));
            Assert.Equal("Uri", ex.ParamName);
        }

        [Theory]
        [InlineData(0, 3, 0.5, "TimeoutSec")]
        [InlineData(30, -1, 0.5, "MaximumRetryCount")]
        [InlineData(30, 3, -1.0, "RetryIntervalSec")]
        [InlineData(30, 3, double.NaN, "RetryIntervalSec")]
        public void Bad_session_settings_are_refused(int timeout, int retries, double interval, string parameter)
        {
            WKValidationException ex = Assert.Throws<WKValidationException>(() => WKSession.Create(UniqueUrl(), null, timeout, retries, interval, "test"));
            Assert.Equal(parameter, ex.ParamName);
        }

        [Fact]
        public void A_token_over_plain_http_to_another_machine_is_flagged()
        {
            using WKSession remote = WKSession.Create("http://10.1.2.3:5001", WKSessionStore.ToSecureString(Token), 30, 3, 0.5, "test");
            using WKSession local = WKSession.Create("http://127.0.0.1:5001", WKSessionStore.ToSecureString(Token), 30, 3, 0.5, "test");
            using WKSession tls = WKSession.Create("https://10.1.2.3", WKSessionStore.ToSecureString(Token), 30, 3, 0.5, "test");
            using WKSession noToken = WKSession.Create("http://10.1.2.3:5001", null, 30, 3, 0.5, "test");
            Assert.True(remote.SendsTokenInClearText);
            Assert.False(local.SendsTokenInClearText);
            Assert.False(tls.SendsTokenInClearText);
            Assert.False(noToken.SendsTokenInClearText);
        }

        [Fact]
        public void Disposing_a_session_marks_it_closed()
        {
            WKSession session = NewSession();
            Assert.False(session.IsDisposed);
            session.Dispose();
            session.Dispose();
            Assert.True(session.IsDisposed);
        }
    }
}
