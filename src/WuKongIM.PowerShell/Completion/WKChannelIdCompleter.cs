using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Completes -ChannelId from the connected server (GET /cluster/channels, the newest 1,000), of the -ChannelType
    /// already typed when there is one; cached for 30 s per session and type, a Tab waits at most about a second.
    /// Channels the server only knows from subscriber_add are not listed by v2.2.5, so they cannot be offered.
    /// </summary>
    internal sealed class WKChannelIdCompleter : IArgumentCompleter
    {
        private const int Limit = 1000;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            WKSession? session = WKCompletion.Session(fakeBoundParameters);
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            WKChannelType? channelType = TypedChannelType(fakeBoundParameters);
            string key = WKCompletion.Key(session, "channel:" + (channelType?.ToString() ?? "any"));
            IReadOnlyList<string> ids = WKNameCache.Shared.Get(key, ct => LoadAsync(session, channelType, ct));
            return WKCompletion.Results(ids, wordToComplete);
        }

        private static WKChannelType? TypedChannelType(IDictionary fakeBoundParameters)
        {
            object? typed = fakeBoundParameters?["ChannelType"];
            if (typed is PSObject wrapped)
            {
                typed = wrapped.BaseObject;
            }
            if (typed is WKChannelType type)
            {
                return type;
            }
            return typed != null && Enum.TryParse(typed.ToString(), true, out WKChannelType parsed) ? parsed : (WKChannelType?)null;
        }

        private static async Task<IReadOnlyList<string>> LoadAsync(WKSession session, WKChannelType? channelType, CancellationToken cancellationToken)
        {
            var ids = new List<string>();
            IAsyncEnumerator<WKChannel> channels = session.Client.Channels.ListChannelsAsync(channelType, Limit, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (ids.Count < Limit && await channels.MoveNextAsync().ConfigureAwait(false))
                {
                    ids.Add(channels.Current.ChannelId);
                }
            }
            finally
            {
                await channels.DisposeAsync().ConfigureAwait(false);
            }
            return ids;
        }
    }
}
