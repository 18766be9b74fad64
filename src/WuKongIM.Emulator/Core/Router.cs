using System;
using System.Collections.Generic;

namespace WuKongIM.Emulator.Core
{
    /// <summary>Exact paths plus a few patterns with {name} segments (the /cluster routes), as gin matches them.</summary>
    public sealed class Router
    {
        private readonly Dictionary<string, Dictionary<string, ApiHandler>> _exact = new(StringComparer.Ordinal);
        private readonly List<(string[] Segments, string Method, ApiHandler Handler)> _patterns = new();

        public void Map(string method, string path, ApiHandler handler)
        {
            if (path.Contains('{'))
            {
                _patterns.Add((path.Trim('/').Split('/'), method, handler));
                return;
            }
            if (!_exact.TryGetValue(path, out var byMethod))
            {
                _exact[path] = byMethod = new Dictionary<string, ApiHandler>(StringComparer.Ordinal);
            }
            byMethod[method] = handler;
        }

        public void Get(string path, ApiHandler handler) => Map("GET", path, handler);
        public void Post(string path, ApiHandler handler) => Map("POST", path, handler);

        public ApiHandler? Find(string method, string path, out Dictionary<string, string>? routeValues)
        {
            routeValues = null;
            if (_exact.TryGetValue(path, out var byMethod))
            {
                return byMethod.TryGetValue(method, out ApiHandler? h) ? h : null;
            }
            string[] segments = path.Trim('/').Split('/');
            foreach (var (pattern, m, handler) in _patterns)
            {
                if (m != method || pattern.Length != segments.Length) continue;
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                bool match = true;
                for (int i = 0; i < pattern.Length && match; i++)
                {
                    if (pattern[i].StartsWith('{')) values[pattern[i].Trim('{', '}')] = Uri.UnescapeDataString(segments[i]);
                    else match = pattern[i] == segments[i];
                }
                if (match)
                {
                    routeValues = values;
                    return handler;
                }
            }
            return null;
        }

        /// <summary>True when the path without its trailing slash is a route (gin then redirects).</summary>
        public bool HasTrailingSlashTwin(string method, string path) =>
            path.Length > 1 && path.EndsWith('/') && Find(method, path.TrimEnd('/'), out _) != null;
    }
}
