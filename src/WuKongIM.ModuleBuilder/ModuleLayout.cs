using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace WuKongIM.ModuleBuilder
{
    internal sealed class LayoutResult
    {
        public int CmdletCount { get; init; }
        public int HelpPageCount { get; init; }
        public int AboutTopicCount { get; init; }
        public int DependencyCount { get; init; }
    }

    /// <summary>
    /// Builds out/WuKongIM from an allow-list:
    /// root: WuKongIM.psd1, WuKongIM.Format.ps1xml, the module's own assemblies (WuKongIM.*.dll, with their pdb);
    /// Dependencies/: every other assembly the cmdlet project's build copied (loaded there only on Windows PowerShell 5.1);
    /// en-US/: MAML help per cmdlet assembly, and the about topics (about_*.help.txt) from docs/about_*.md. System.Management.Automation is never shipped: the host provides it.
    /// </summary>
    internal static class ModuleLayout
    {
        public const string ManifestFile = "WuKongIM.psd1";
        public const string FormatFile = "WuKongIM.Format.ps1xml";
        public const string DependencyFolder = "Dependencies";
        public const string HelpCulture = "en-US";
        private const string OwnAssemblyPrefix = "WuKongIM.";
        private static readonly string[] RequiredAssemblies = { "WuKongIM.PowerShell.dll", "WuKongIM.Client.dll" };
        private static readonly HashSet<string> NeverShipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "System.Management.Automation.dll" };

        public static LayoutResult Build(LayoutOptions options, List<string> warnings)
        {
            string manifest = Require(Path.Combine(options.RepositoryRoot, ManifestFile));
            string format = Require(Path.Combine(options.RepositoryRoot, FormatFile));
            if (!Directory.Exists(options.Input))
            {
                throw new LayoutException("the cmdlet project's output folder " + options.Input + " does not exist; build src/WuKongIM.PowerShell first.");
            }
            foreach (string assembly in RequiredAssemblies)
            {
                Require(Path.Combine(options.Input, assembly));
            }
            // Read the docs before touching the output, so an unreadable page stops the build with nothing half-written.
            Dictionary<string, HelpPage> pages = ReadDocs(options.Docs, warnings);
            Dictionary<string, string> aboutTopics = ReadAboutTopics(options.Docs);

            PrepareOutput(options);
            File.Copy(manifest, Path.Combine(options.Output, ManifestFile), overwrite: true);
            File.Copy(format, Path.Combine(options.Output, FormatFile), overwrite: true);

            var ownAssemblies = new List<string>();
            int dependencies = 0;
            foreach (string dll in Directory.GetFiles(options.Input, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                string name = Path.GetFileName(dll);
                if (NeverShipped.Contains(name))
                {
                    continue;
                }
                if (name.StartsWith(OwnAssemblyPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    string target = Path.Combine(options.Output, name);
                    File.Copy(dll, target, overwrite: true);
                    string pdb = Path.ChangeExtension(dll, ".pdb");
                    if (File.Exists(pdb))
                    {
                        File.Copy(pdb, Path.ChangeExtension(target, ".pdb"), overwrite: true);
                    }
                    ownAssemblies.Add(target);
                }
                else
                {
                    Directory.CreateDirectory(Path.Combine(options.Output, DependencyFolder));
                    File.Copy(dll, Path.Combine(options.Output, DependencyFolder, name), overwrite: true);
                    dependencies++;
                }
            }

            int cmdletCount = WriteHelp(options, ownAssemblies, pages, ReadCopyright(manifest), warnings);
            WriteAboutTopics(options, aboutTopics);
            return new LayoutResult { CmdletCount = cmdletCount, HelpPageCount = pages.Count, AboutTopicCount = aboutTopics.Count, DependencyCount = dependencies };
        }

        private static string Require(string path)
        {
            if (!File.Exists(path))
            {
                throw new LayoutException("required input " + path + " does not exist.");
            }
            return path;
        }

        private static Dictionary<string, HelpPage> ReadDocs(string docs, List<string> warnings)
        {
            var pages = new Dictionary<string, HelpPage>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(docs))
            {
                warnings.Add("no docs folder at " + docs + "; help will have the syntax only.");
                return pages;
            }
            foreach (string path in Directory.GetFiles(docs, "*.md").Where(HelpPage.IsCommandPage).OrderBy(p => p, StringComparer.Ordinal))
            {
                HelpPage page = HelpPage.Load(path);
                pages.Add(page.Name, page);
            }
            return pages;
        }

        /// <summary>docs/about_*.md as the text of en-US/about_*.help.txt, keyed by that file name.</summary>
        private static Dictionary<string, string> ReadAboutTopics(string docs)
        {
            var topics = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(docs))
            {
                foreach (string path in Directory.GetFiles(docs, "*.md").Where(AboutTopic.IsAboutPage).OrderBy(p => p, StringComparer.Ordinal))
                {
                    topics.Add(AboutTopic.HelpFileName(path), AboutTopic.Convert(path));
                }
            }
            return topics;
        }

        private static void WriteAboutTopics(LayoutOptions options, Dictionary<string, string> topics)
        {
            string helpFolder = Path.Combine(options.Output, HelpCulture);
            Directory.CreateDirectory(helpFolder);
            foreach (KeyValuePair<string, string> topic in topics)
            {
                File.WriteAllText(Path.Combine(helpFolder, topic.Key), topic.Value, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
        }

        private static void PrepareOutput(LayoutOptions options)
        {
            string output = Path.TrimEndingDirectorySeparator(options.Output);
            string root = Path.TrimEndingDirectorySeparator(options.RepositoryRoot);
            // The folder is deleted and rebuilt; refuse anything that could hold more than a module layout.
            string? pathRoot = Path.GetPathRoot(output);
            if (string.IsNullOrEmpty(pathRoot) || Path.TrimEndingDirectorySeparator(pathRoot) == output
                || root == output || root.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new LayoutException("refusing to recreate " + output + ": it contains the repository.");
            }
            try
            {
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }
                Directory.CreateDirectory(output);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new LayoutException("cannot recreate " + output + " (is the module imported in a PowerShell session?): " + ex.Message);
            }
        }

        private static string ReadCopyright(string manifest)
        {
            Match m = Regex.Match(File.ReadAllText(manifest), @"(?m)^\s*Copyright\s*=\s*'((?:[^']|'')*)'", RegexOptions.CultureInvariant);
            return m.Success ? m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : string.Empty;
        }

        private static int WriteHelp(LayoutOptions options, List<string> ownAssemblies, Dictionary<string, HelpPage> pages, string copyright, List<string> warnings)
        {
            var context = new ModuleLoadContext(options.Output, Path.Combine(options.Output, DependencyFolder));
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int count = 0;
            foreach (string path in ownAssemblies)
            {
                Assembly assembly;
                IReadOnlyList<CmdletModel> cmdlets;
                try
                {
                    assembly = context.LoadFromAssemblyPath(path);
                    cmdlets = CmdletModel.ReadAll(assembly);
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is FileLoadException || ex is FileNotFoundException || ex is ReflectionTypeLoadException || ex is TypeLoadException)
                {
                    throw new LayoutException("cannot read cmdlet metadata from " + path + ": " + ex.Message);
                }
                if (cmdlets.Count == 0)
                {
                    continue;
                }
                Version v = assembly.GetName().Version ?? new Version(0, 0, 0);
                string version = v.Major + "." + v.Minor + "." + Math.Max(0, v.Build);
                XDocument maml = MamlWriter.Write(cmdlets, pages, version, copyright, warnings);
                string helpFolder = Path.Combine(options.Output, HelpCulture);
                Directory.CreateDirectory(helpFolder);
                var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), NewLineChars = "\n" };
                using (XmlWriter writer = XmlWriter.Create(Path.Combine(helpFolder, Path.GetFileName(path) + "-Help.xml"), settings))
                {
                    maml.Save(writer);
                }
                foreach (CmdletModel cmdlet in cmdlets)
                {
                    names.Add(cmdlet.Name);
                }
                count += cmdlets.Count;
            }
            foreach (HelpPage page in pages.Values.Where(p => !names.Contains(p.Name)))
            {
                warnings.Add(page.Path + ": there is no cmdlet named " + page.Name + ".");
            }
            return count;
        }
    }
}
