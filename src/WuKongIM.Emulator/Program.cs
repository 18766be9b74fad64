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
    /// Usage: WuKongIM.Emulator [--urls http://127.0.0.1:5001] [--manager-token TOKEN] [--nodes N] [--manager-user name:password:permissions]...
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string urls = "http://127.0.0.1:5001";
            string? token = Environment.GetEnvironmentVariable("WK_MANAGERTOKEN");
            int nodes = 1;
            var managerUsers = new List<ManagerUser>();
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
                    case "--nodes" when i + 1 < args.Length:
                        if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out nodes) || nodes < 1 || nodes > 64)
                        {
                            Console.Error.WriteLine("--nodes takes a number from 1 to 64");
                            return 2;
                        }
                        break;
                    case "--manager-user" when i + 1 < args.Length:
                        try
                        {
                            managerUsers.Add(ManagerUser.Parse(args[++i]));
                        }
                        catch (ArgumentException ex)
                        {
                            Console.Error.WriteLine(ex.Message);
                            return 2;
                        }
                        break;
                    case "-h":
                    case "--help":
                        Console.WriteLine("WuKongIM emulator (v2.2.5 REST contract)\n  --urls URLS            where to listen (default http://127.0.0.1:5001)\n  --manager-token TOKEN  require this token in the 'token' header (default: none, like a default server)\n  --nodes N              run an N-node cluster (ids 1001..); node k listens k-1 ports after the first (default 1)\n  --manager-user U:P:PERMS  a /manager/login account, e.g. admin:secret:*:rw (repeatable; none = guest/guest, *:r)");
                        return 0;
                    default:
                        Console.Error.WriteLine("Unknown or incomplete argument: " + args[i] + " (see --help)");
                        return 2;
                }
            }
            var cluster = new ClusterOptions { NodeCount = nodes, ManagerUsers = managerUsers };
            await using EmulatorHost host = await EmulatorHost.StartAsync(urls, token, cluster).ConfigureAwait(false);
            Console.WriteLine("WuKongIM emulator listening on " + host.BaseUri + (string.IsNullOrEmpty(token) ? " (no manager token)" : " (manager token required)"));
            for (int n = 1; n < host.NodeUris.Count; n++)
            {
                Console.WriteLine("  node " + (ClusterOptions.FirstNodeId + (ulong)n) + " listening on " + host.NodeUris[n]);
            }
            Console.WriteLine("Emulator control routes are under " + new Uri(host.BaseUri, "/_emulator/") + "; press Ctrl+C to stop.");
            await host.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
    }
}
