using System;
using System.Collections.Generic;
using System.IO;

namespace WuKongIM.ModuleBuilder
{
    /// <summary>
    /// Usage: WuKongIM.ModuleBuilder --repo-root DIR --output DIR [--configuration Release] [--input DIR] [--docs DIR]
    /// Run by the AfterBuild target of this project; exits non-zero only for real errors (missing inputs, unreadable docs).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            try
            {
                LayoutOptions options = LayoutOptions.Parse(args);
                var warnings = new List<string>();
                LayoutResult result = ModuleLayout.Build(options, warnings);
                foreach (string warning in warnings)
                {
                    Console.WriteLine("WuKongIM.ModuleBuilder: note: " + warning);
                }
                Console.WriteLine("WuKongIM.ModuleBuilder: " + result.CmdletCount + " cmdlets, " + result.HelpPageCount + " help pages, " + result.AboutTopicCount + " about topics, "
                    + result.DependencyCount + " dependencies -> " + options.Output);
                return 0;
            }
            catch (LayoutException ex)
            {
                Console.Error.WriteLine("WuKongIM.ModuleBuilder: error: " + ex.Message);
                return 1;
            }
            catch (HelpFormatException ex)
            {
                Console.Error.WriteLine("WuKongIM.ModuleBuilder: error: " + ex.Message);
                return 1;
            }
        }
    }

    internal sealed class LayoutException : Exception
    {
        public LayoutException(string message) : base(message) { }
    }

    internal sealed class LayoutOptions
    {
        public string RepositoryRoot { get; private set; } = string.Empty;
        public string Output { get; private set; } = string.Empty;
        public string Configuration { get; private set; } = "Release";
        public string Input { get; private set; } = string.Empty;
        public string Docs { get; private set; } = string.Empty;

        public static LayoutOptions Parse(string[] args)
        {
            var options = new LayoutOptions();
            string? input = null;
            string? docs = null;
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : throw new LayoutException("missing value after " + args[i] + ".");
                switch (args[i])
                {
                    case "--repo-root":
                        options.RepositoryRoot = Path.GetFullPath(value);
                        break;
                    case "--output":
                        options.Output = Path.GetFullPath(value);
                        break;
                    case "--configuration":
                        options.Configuration = value;
                        break;
                    case "--input":
                        input = Path.GetFullPath(value);
                        break;
                    case "--docs":
                        docs = Path.GetFullPath(value);
                        break;
                    default:
                        throw new LayoutException("unknown argument " + args[i] + "; usage: --repo-root DIR --output DIR [--configuration NAME] [--input DIR] [--docs DIR]");
                }
                i++;
            }
            if (options.RepositoryRoot.Length == 0 || options.Output.Length == 0)
            {
                throw new LayoutException("--repo-root and --output are required.");
            }
            options.Input = input ?? Path.Combine(options.RepositoryRoot, "src", "WuKongIM.PowerShell", "bin", options.Configuration, "netstandard2.0");
            options.Docs = docs ?? Path.Combine(options.RepositoryRoot, "docs");
            return options;
        }
    }
}
