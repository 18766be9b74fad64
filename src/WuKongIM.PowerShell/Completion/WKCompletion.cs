using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace WuKongIM.PowerShell
{
    /// <summary>What the completers share: the session a Tab talks to, and turning names into completion results.</summary>
    internal static class WKCompletion
    {
        /// <summary>The -Session already typed on the line, else the runspace's default session; null when not connected.</summary>
        public static WKSession? Session(IDictionary fakeBoundParameters)
        {
            object? typed = fakeBoundParameters?["Session"];
            if (typed is PSObject wrapped)
            {
                typed = wrapped.BaseObject;
            }
            if (typed is WKSession explicitSession && !explicitSession.IsDisposed)
            {
                return explicitSession;
            }
            Guid runspace = Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
            WKSession? session = WKSessionStore.GetDefault(runspace);
            return session != null && !session.IsDisposed ? session : null;
        }

        /// <summary>A cache key for one session and one kind of name.</summary>
        public static string Key(WKSession session, string kind) =>
            session.Uri.AbsoluteUri + "#" + RuntimeHelpers.GetHashCode(session) + "#" + kind;

        /// <summary>The names that start with what was typed (case-insensitive, quotes ignored), sorted, as results.</summary>
        public static IEnumerable<CompletionResult> Results(IEnumerable<string> names, string wordToComplete, Func<string, string>? toolTip = null)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return names
                .Where(n => !string.IsNullOrEmpty(n) && n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, toolTip?.Invoke(n) ?? n));
        }

        // Anything that is not a bare word is single-quoted, so the completed line parses to the same string.
        private static string Quote(string name) =>
            name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/')
                ? name
                : "'" + name.Replace("'", "''") + "'";
    }
}
