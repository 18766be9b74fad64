using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using WuKongIM.Emulator.Cluster;
using WuKongIM.Emulator.Core;

namespace WuKongIM.Emulator
{
    /// <summary>
    /// A local, in-memory server that speaks WuKongIM v2.2.5's REST contract.
    /// Usage: WuKongIM.Emulator [--urls http://127.0.0.1:5001] [--manager-token TOKEN] [--nodes N]
    /// [--manager-user name:password:permissions]... [--max-body-bytes SIZE] [--max-messages-per-channel N] [--max-messages N]
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string urls = "http://127.0.0.1:5001";
            string? token = Environment.GetEnvironmentVariable("WK_MANAGERTOKEN");
            int nodes = 1;
            var managerUsers = new List<ManagerUser>();
            var options = new EmulatorOptions();
            for (int i = 0; i < args.Length; i++)
            {
                try
                {
                    switch (args[i])
                    {
                        case "--urls" when i + 1 < args.Length:
                            urls = args[++i];
                            break;
                        case "--manager-token" when i + 1 < args.Length:
                            token = args[++i];
                            break;
                        case "--nodes" when i + 1 < args.Length:
                            nodes = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                            if (nodes < 1 || nodes > 64)
                            {
                                throw new ArgumentException("--nodes takes a number from 1 to 64");
                            }
                            break;
                        case "--manager-user" when i + 1 < args.Length:
                            managerUsers.Add(ManagerUser.Parse(args[++i]));
                            break;
                        case "--max-body-bytes" when i + 1 < args.Length:
                            options.MaxRequestBodyBytes = EmulatorOptions.ParseSize(args[++i]);
                            break;
                        case "--max-messages-per-channel" when i + 1 < args.Length:
                            options.MaxMessagesPerChannel = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                            break;
                        case "--max-messages" when i + 1 < args.Length:
                            options.MaxMessagesTotal = long.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                            break;
                        case "-h":
                        case "--help":
                            Console.WriteLine(Help);
                            return 0;
                        default:
                            Console.Error.WriteLine("Unknown or incomplete argument: " + args[i] + " (see --help)");
                            return 2;
                    }
                }
                catch (Exception ex) when (ex is FormatException || ex is OverflowException || ex is ArgumentException)
                {
                    Console.Error.WriteLine("Bad value for " + args[i - 1] + ": " + args[i] + " (" + ex.Message + "; see --help)");
                    return 2;
                }
            }
            options.ManagerToken = token;
            options.Cluster = new ClusterOptions { NodeCount = nodes, ManagerUsers = managerUsers };
            await using EmulatorHost host = await EmulatorHost.StartAsync(urls, options).ConfigureAwait(false);
            Console.WriteLine("WuKongIM emulator listening on " + host.BaseUri + (string.IsNullOrEmpty(token) ? " (no manager token)" : " (manager token required)"));
            for (int n = 1; n < host.NodeUris.Count; n++)
            {
                Console.WriteLine("  node " + (ClusterOptions.FirstNodeId + (ulong)n) + " listening on " + host.NodeUris[n]);
            }
            Console.WriteLine("Emulator control routes are under " + new Uri(host.BaseUri, "/_emulator/") + "; press Ctrl+C to stop.");
            await host.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }

        private const string Help = "WuKongIM emulator (v2.2.5 REST contract)\n" +
            "  --urls URLS                   where to listen (default http://127.0.0.1:5001)\n" +
            "  --manager-token TOKEN         require this token in the 'token' header, on /_emulator/ routes too (default: none)\n" +
            "  --nodes N                     run an N-node cluster (ids 1001..); node k listens k-1 ports after the first (default 1)\n" +
            "  --manager-user U:P:PERMS      a /manager/login account, e.g. admin:secret:*:rw (repeatable; none = guest/guest, *:r)\n" +
            "  --max-body-bytes SIZE         answer 413 to larger request bodies (default 32MB; e.g. 1048576, 64KB, 256MB)\n" +
            "  --max-messages-per-channel N  keep at most N messages per channel, dropping the oldest (default: unbounded)\n" +
            "  --max-messages N              keep at most N messages in all, dropping the oldest (default: unbounded)";
    }
}
