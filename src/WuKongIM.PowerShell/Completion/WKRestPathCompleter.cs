using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Completes Invoke-WKRestMethod -Path with the routes of the WuKongIM v2.2.5 REST API (wukongim-api.md), limited to
    /// the -Method already typed; the tooltip names the method.
    /// </summary>
    internal sealed class WKRestPathCompleter : IArgumentCompleter
    {
        private static readonly (string Method, string Path)[] Routes =
        {
            ("POST", "/channel"),
            ("POST", "/channel/blacklist_add"),
            ("POST", "/channel/blacklist_remove"),
            ("POST", "/channel/blacklist_remove_all"),
            ("POST", "/channel/blacklist_set"),
            ("POST", "/channel/delete"),
            ("POST", "/channel/info"),
            ("GET", "/channel/last_message"),
            ("GET", "/channel/max_message_seq"),
            ("POST", "/channel/messagesync"),
            ("POST", "/channel/subscriber_add"),
            ("POST", "/channel/subscriber_remove"),
            ("POST", "/channel/subscriber_remove_all"),
            ("GET", "/channel/whitelist"),
            ("POST", "/channel/whitelist_add"),
            ("POST", "/channel/whitelist_remove"),
            ("POST", "/channel/whitelist_remove_all"),
            ("POST", "/channel/whitelist_set"),
            ("GET", "/cluster/conversations"),
            ("GET", "/cluster/devices"),
            ("GET", "/cluster/users"),
            ("POST", "/conn/kick"),
            ("POST", "/conn/remove"),
            ("GET", "/connz"),
            ("POST", "/conversation/channels"),
            ("POST", "/conversation/sync"),
            ("POST", "/conversation/syncByChannels"),
            ("POST", "/conversation/syncMessages"),
            ("POST", "/conversations/clearUnread"),
            ("POST", "/conversations/delete"),
            ("POST", "/conversations/setUnread"),
            ("GET", "/health"),
            ("POST", "/message"),
            ("GET", "/message/byclientmsgno"),
            ("POST", "/message/event"),
            ("POST", "/message/eventsync"),
            ("POST", "/message/send"),
            ("POST", "/message/sendbatch"),
            ("POST", "/message/sync"),
            ("POST", "/message/syncack"),
            ("POST", "/messages"),
            ("GET", "/migrate/result"),
            ("GET", "/route"),
            ("POST", "/route/batch"),
            ("GET", "/tag"),
            ("POST", "/tag/remove"),
            ("GET", "/tags"),
            ("POST", "/tmpchannel/subscriber_set"),
            ("POST", "/user/device_quit"),
            ("POST", "/user/onlinestatus"),
            ("GET", "/user/systemuids"),
            ("POST", "/user/systemuids_add"),
            ("POST", "/user/systemuids_add_to_cache"),
            ("POST", "/user/systemuids_remove"),
            ("POST", "/user/systemuids_remove_from_cache"),
            ("POST", "/user/token"),
            ("POST", "/user/update_plugin_no"),
            ("GET", "/varz"),
            ("GET", "/varz/setting"),
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string? method = fakeBoundParameters?["Method"]?.ToString();
            IEnumerable<(string Method, string Path)> routes = Routes.Where(r => method == null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase));
            ILookup<string, string> methods = routes.ToLookup(r => r.Path, r => r.Method, StringComparer.Ordinal);
            return WKCompletion.Results(methods.Select(g => g.Key), wordToComplete, path => string.Join(", ", methods[path]) + " " + path);
        }
    }
}
