using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WuKongIM.Client
{
    /// <summary>
    /// The HTTP handler for the runtime the client is loaded in. The client targets netstandard2.0, so it cannot name the
    /// best handler of each runtime at compile time:
    /// <list type="bullet">
    /// <item>.NET (Core) 2.1 and later, PowerShell 7: SocketsHttpHandler, created directly. HttpClientHandler only wraps it
    /// there, and adds a layer and a diagnostics check to every request.</item>
    /// <item>.NET Framework, Windows PowerShell 5.1: HttpClientHandler (HttpWebRequest), with the server's ServicePoint set
    /// to send small POST bodies at once: no Nagle delay (40-200 ms stalls with delayed ACKs) and no
    /// "Expect: 100-continue" round trip before each body.</item>
    /// </list>
    /// </summary>
    internal static class WKHttpHandlers
    {
        private static readonly Type? SocketsHttpHandlerType = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);

        internal static bool IsNetFramework { get; } = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static HttpMessageHandler Create(WKClientOptions options)
        {
            if (SocketsHttpHandlerType != null && !IsNetFramework)
            {
                HttpMessageHandler? sockets = TryCreateSocketsHandler(options);
                if (sockets != null)
                {
                    return sockets;
                }
            }
            if (IsNetFramework)
            {
                TuneServicePoint(options);
            }
            return new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = options.MaxConnectionsPerServer,
                AutomaticDecompression = DecompressionMethods.None,
            };
        }

        private static HttpMessageHandler? TryCreateSocketsHandler(WKClientOptions options)
        {
            try
            {
                var handler = (HttpMessageHandler)Activator.CreateInstance(SocketsHttpHandlerType!)!;
                Set(handler, "AllowAutoRedirect", false);
                Set(handler, "UseCookies", false);
                Set(handler, "MaxConnectionsPerServer", options.MaxConnectionsPerServer);
                Set(handler, "AutomaticDecompression", DecompressionMethods.None);
                return handler;
            }
            catch (Exception ex) when (ex is MissingMemberException || ex is TargetInvocationException || ex is InvalidCastException || ex is PlatformNotSupportedException)
            {
                return null;
            }
        }

        private static void Set(object target, string property, object value)
        {
            PropertyInfo info = target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance) ?? throw new MissingMemberException(target.GetType().Name, property);
            info.SetValue(target, value);
        }

        private static void TuneServicePoint(WKClientOptions options)
        {
            ServicePoint point = ServicePointManager.FindServicePoint(options.BaseUri!);
            point.UseNagleAlgorithm = false;
            point.Expect100Continue = false;
            if (point.ConnectionLimit < options.MaxConnectionsPerServer)
            {
                point.ConnectionLimit = options.MaxConnectionsPerServer;
            }
        }
    }
}
