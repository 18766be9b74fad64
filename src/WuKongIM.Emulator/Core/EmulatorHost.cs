using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WuKongIM.Emulator.Core
{
    /// <summary>Runs the emulator on Kestrel. Tests start one in-process on 127.0.0.1 with a free port (urls ending in :0).</summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        private readonly WebApplication _web;

        private EmulatorHost(WebApplication web, EmulatorApp app, Uri baseUri)
        {
            _web = web;
            App = app;
            BaseUri = baseUri;
        }

        public EmulatorApp App { get; }
        public Uri BaseUri { get; }

        public static Task<EmulatorHost> StartAsync(string urls = "http://127.0.0.1:0", string? managerToken = null) =>
            StartAsync(urls, new EmulatorOptions { ManagerToken = managerToken });

        public static async Task<EmulatorHost> StartAsync(string urls, EmulatorOptions options)
        {
            options.Validate();
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(urls);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                // A backstop only: EmulatorApp answers 413 itself, before it buffers anything.
                k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            });
            WebApplication web = builder.Build();
            var app = new EmulatorApp(options.ManagerToken, options);
            web.Run(app.HandleAsync);
            await web.StartAsync().ConfigureAwait(false);
            Uri baseUri = new Uri(web.Urls.First());
            return new EmulatorHost(web, app, baseUri);
        }

        public Task WaitForShutdownAsync() => _web.WaitForShutdownAsync();

        public async ValueTask DisposeAsync()
        {
            await _web.StopAsync().ConfigureAwait(false);
            await _web.DisposeAsync().ConfigureAwait(false);
        }
    }
}
