using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>Where things are: the repository root found by walking up from the test binaries, shared/ beside it.</summary>
    internal static class RepoPaths
    {
        private static readonly Lazy<string> Root = new Lazy<string>(FindRoot);

        public static string RepositoryRoot => Root.Value;
        public static string ModuleDirectory => Path.Combine(RepositoryRoot, "out", "WuKongIM");
        public static string DocsDirectory => Path.Combine(RepositoryRoot, "docs");
        public static string CmdletSourceDirectory => Path.Combine(RepositoryRoot, "src", "WuKongIM.PowerShell");
        public static string Manifest => Path.Combine(RepositoryRoot, "WuKongIM.psd1");
        public static string FormatFile => Path.Combine(RepositoryRoot, "WuKongIM.Format.ps1xml");
        public static string HelpFile => Path.Combine(ModuleDirectory, "en-US", "WuKongIM.PowerShell.dll-Help.xml");

        /// <summary>shared/ sits beside the clone (CI runs with it there); the schemas come from it.</summary>
        public static string SharedDirectory
        {
            get
            {
                string shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
                Assert.True(Directory.Exists(Path.Combine(shared, "schemas")), "The schemas are expected in " + shared + "/schemas (shared/ beside the repository).");
                return shared;
            }
        }

        private static string FindRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WuKongIM.sln")) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("No repository root (WuKongIM.sln + Directory.Build.props) above " + AppContext.BaseDirectory);
        }

        /// <summary>C# files of the cmdlet project, without bin/ and obj/.</summary>
        public static IEnumerable<string> CmdletSourceFiles() =>
            Directory.GetFiles(CmdletSourceDirectory, "*.cs", SearchOption.AllDirectories)
                .Where(f =>
                {
                    string relative = Path.GetRelativePath(CmdletSourceDirectory, f);
                    string first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
                    return first != "bin" && first != "obj";
                });
    }

    /// <summary>Collects every violation of a rule, so one failing test names all offenders at once.</summary>
    internal static class Violations
    {
        public static void None(IEnumerable<string> violations, string rule)
        {
            List<string> list = violations.ToList();
            if (list.Count > 0)
            {
                Assert.Fail(rule + ":" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", list));
            }
        }
    }
}
