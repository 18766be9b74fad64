using System;
using System.Threading.Tasks;
using WuKongIM.Emulator.Core;

namespace WuKongIM.Emulator
{
    /// <summary>
    /// A local, in-memory server that speaks WuKongIM v2.2.5's REST contract.
    /// Usage: WuKongIM.Emulator [--urls http://127.0.0.1:5001] [--manager-token TOKEN]
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string urls = "http://127.0.0.1:5001";
            string? token = Environment.GetEnvironmentVariable("WK_MANAGERTOKEN");
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--urls" when i + 1 < args.Length:
                        urls = args[++i];
                        break;
                    case "--manager-token" when i + 1 < args.Length:
                        token = args[++i];
                        break;
                    case "-h":
                    case "--help":
                        Console.WriteLine("WuKongIM emulator (v2.2.5 REST contract)\n  --urls URLS            where to listen (default http://127.0.0.1:5001)\n  --manager-token TOKEN  require this token in the 'token' header (default: none, like a default server)");
                        return 0;
                    default:
                        Console.Error.WriteLine("Unknown or incomplete argument: " + args[i] + " (see --help)");
                        return 2;
                }
            }
            await using EmulatorHost host = await EmulatorHost.StartAsync(urls, token).ConfigureAwait(false);
            Console.WriteLine("WuKongIM emulator listening on " + host.BaseUri + (string.IsNullOrEmpty(token) ? " (no manager token)" : " (manager token required)"));
            Console.WriteLine("Emulator control routes are under " + new Uri(host.BaseUri, "/_emulator/") + "; press Ctrl+C to stop.");
            await host.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
    }
}
