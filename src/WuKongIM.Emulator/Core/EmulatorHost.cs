using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WuKongIM.Emulator.Cluster;

namespace WuKongIM.Emulator.Core
{
    /// <summary>
    /// Runs the emulator on Kestrel. Tests start one in-process on 127.0.0.1 with a free port (urls ending in :0).
    /// With several nodes, each node has its own listener: the first on <c>urls</c>, the others on the following ports
    /// (or free ports when the port is 0). All listeners share one <see cref="EmulatorApp"/>, so they share the data.
    /// </summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        private readonly List<WebApplication> _webs;

        private EmulatorHost(List<WebApplication> webs, EmulatorApp app, List<Uri> nodeUris)
        {
            _webs = webs;
            App = app;
            NodeUris = nodeUris;
        }

        public EmulatorApp App { get; }

        /// <summary>The first node's address.</summary>
        public Uri BaseUri => NodeUris[0];

        /// <summary>Each node's address, in node id order (1001 first).</summary>
        public IReadOnlyList<Uri> NodeUris { get; }

        public static Task<EmulatorHost> StartAsync(string urls = "http://127.0.0.1:0", string? managerToken = null) =>
            StartAsync(urls, new EmulatorOptions { ManagerToken = managerToken });

        public static Task<EmulatorHost> StartAsync(string urls, string? managerToken, ClusterOptions cluster) =>
            StartAsync(urls, new EmulatorOptions { ManagerToken = managerToken, Cluster = cluster });

        public static async Task<EmulatorHost> StartAsync(string urls, EmulatorOptions options)
        {
            options.Validate();
            ClusterOptions cluster = options.Cluster;
            var app = new EmulatorApp(options.ManagerToken, options);
            var webs = new List<WebApplication>();
            var uris = new List<Uri>();
            try
            {
                foreach (ulong nodeId in cluster.NodeIds)
                {
                    int offset = (int)(nodeId - ClusterOptions.FirstNodeId);
                    WebApplication web = Build(offset == 0 ? urls : FollowingPort(urls, offset), options);
                    web.Run(context => app.HandleAsync(context, nodeId));
                    webs.Add(web);
                    await web.StartAsync().ConfigureAwait(false);
                    var uri = new Uri(web.Urls.First());
                    uris.Add(uri);
                    cluster.ApiAddresses[nodeId] = Advertised(uri);
                }
            }
            catch
            {
                foreach (WebApplication web in webs)
                {
                    await web.DisposeAsync().ConfigureAwait(false);
                }
                throw;
            }
            return new EmulatorHost(webs, app, uris);
        }

        private static WebApplication Build(string urls, EmulatorOptions options)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(urls);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                // A backstop only: EmulatorApp answers 413 itself, before it buffers anything. The margin lets Kestrel
                // drain a slightly larger unread body after that 413, so a client still writing it sees the answer
                // instead of a reset connection.
                k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + 64 * 1024;
            });
            return builder.Build();
        }

        /// <summary>The address other nodes and clients use (cluster.apiUrl): a wildcard listener is reached on loopback.</summary>
        private static string Advertised(Uri bound)
        {
            var uri = new UriBuilder(bound);
            if (uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+")
            {
                uri.Host = "127.0.0.1";
            }
            return uri.Uri.GetLeftPart(UriPartial.Authority);
        }

        /// <summary>The same address <paramref name="offset"/> ports further on (port 0 stays 0: a free port each).</summary>
        private static string FollowingPort(string urls, int offset)
        {
            string first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            var uri = new UriBuilder(first.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal));
            if (uri.Port != 0)
            {
                uri.Port += offset;
            }
            return uri.Uri.GetLeftPart(UriPartial.Authority);
        }

        public Task WaitForShutdownAsync() => _webs[0].WaitForShutdownAsync();

        public async ValueTask DisposeAsync()
        {
            foreach (WebApplication web in _webs)
            {
                await web.StopAsync().ConfigureAwait(false);
                await web.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
