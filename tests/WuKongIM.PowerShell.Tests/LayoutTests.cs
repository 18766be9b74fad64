using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>What ships in out/WuKongIM: an allow-listed layout, no System.Management.Automation, the right dependencies.</summary>
    public sealed class LayoutTests
    {
        private static string Module => RepoPaths.ModuleDirectory;

        private static string Relative(string path) => Path.GetRelativePath(Module, path).Replace('\\', '/');

        /// <summary>Assembly names a file references, read from its metadata without loading it.</summary>
        internal static IReadOnlyList<AssemblyName> References(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
        }

        [Fact]
        public void The_module_folder_holds_only_allow_listed_files()
        {
            var allowedAtRoot = new HashSet<string>(StringComparer.Ordinal)
            {
                "WuKongIM.psd1", "WuKongIM.Format.ps1xml", "WuKongIM.PowerShell.dll", "WuKongIM.Client.dll", "WuKongIM.PowerShell.pdb", "WuKongIM.Client.pdb",
            };
            var problems = new List<string>();
            foreach (string file in Directory.GetFiles(Module, "*", SearchOption.AllDirectories))
            {
                string relative = Relative(file);
                string[] parts = relative.Split('/');
                bool allowed = parts.Length == 1 ? allowedAtRoot.Contains(relative)
                    : parts.Length == 2 && parts[0] == "Dependencies" ? relative.EndsWith(".dll", StringComparison.Ordinal)
                    : parts.Length == 2 && parts[0] == "en-US" && (relative.EndsWith(".xml", StringComparison.Ordinal)
                        || (parts[1].StartsWith("about_", StringComparison.Ordinal) && parts[1].EndsWith(".help.txt", StringComparison.Ordinal)));
                if (!allowed)
                {
                    problems.Add(relative + " is not part of the module layout");
                }
            }
            foreach (string required in new[] { "WuKongIM.psd1", "WuKongIM.Format.ps1xml", "WuKongIM.PowerShell.dll", "WuKongIM.Client.dll", "en-US/WuKongIM.PowerShell.dll-Help.xml", "en-US/about_WuKongIM.help.txt", "en-US/about_WuKongIM_Errors.help.txt" })
            {
                if (!File.Exists(Path.Combine(Module, required)))
                {
                    problems.Add(required + " is missing");
                }
            }
            Violations.None(problems, "Module layout");
        }

        [Fact]
        public void No_System_Management_Automation_is_shipped()
        {
            Assert.Empty(Directory.GetFiles(Module, "System.Management.Automation*", SearchOption.AllDirectories).Select(Relative));
        }

        [Fact]
        public void System_Text_Json_8_is_shipped_under_Dependencies()
        {
            string path = Path.Combine(Module, "Dependencies", "System.Text.Json.dll");
            Assert.True(File.Exists(path), "Dependencies/System.Text.Json.dll is missing");
            Version version = AssemblyName.GetAssemblyName(path).Version!;
            Assert.True(version.Major == 8 && version.Minor == 0, "System.Text.Json must stay 8.0.x for PowerShell 7.4/7.5; found " + version);
        }

        [Fact]
        public void The_client_does_not_reference_System_Management_Automation()
        {
            Assert.DoesNotContain(References(Path.Combine(Module, "WuKongIM.Client.dll")), r => r.Name == "System.Management.Automation");
        }

        [Fact]
        public void The_cmdlet_assembly_references_only_the_host_the_client_and_the_framework()
        {
            Violations.None(References(Path.Combine(Module, "WuKongIM.PowerShell.dll"))
                .Where(r => r.Name != "netstandard" && r.Name != "System.Management.Automation" && r.Name != "WuKongIM.Client"
                    && !(r.Name ?? string.Empty).StartsWith("System.", StringComparison.Ordinal) && !(r.Name ?? string.Empty).StartsWith("Microsoft.Bcl.", StringComparison.Ordinal))
                .Select(r => r.FullName + " is referenced by WuKongIM.PowerShell.dll"), "Cmdlet assembly references");
        }

        [Fact]
        public void Dependencies_hold_exactly_what_the_module_assemblies_need()
        {
            // Every assembly reachable from the module's own assemblies, except what any host provides, must be shipped
            // (Windows PowerShell 5.1 has none of it); and nothing unreachable may be shipped.
            string dependencies = Path.Combine(Module, "Dependencies");
            var shipped = Directory.GetFiles(dependencies, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase);
            var hostProvided = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "netstandard", "mscorlib", "System.Management.Automation" };
            var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var missing = new List<string>();
            var queue = new Queue<string>(new[] { Path.Combine(Module, "WuKongIM.PowerShell.dll"), Path.Combine(Module, "WuKongIM.Client.dll") });
            while (queue.Count > 0)
            {
                string from = queue.Dequeue();
                foreach (AssemblyName reference in References(from))
                {
                    string name = reference.Name!;
                    if (hostProvided.Contains(name) || name.StartsWith("WuKongIM.", StringComparison.Ordinal) || !needed.Add(name))
                    {
                        continue;
                    }
                    if (shipped.TryGetValue(name, out string? file))
                    {
                        queue.Enqueue(file);
                    }
                    else
                    {
                        missing.Add(name + " (referenced by " + Path.GetFileName(from) + ") is not in Dependencies/");
                    }
                }
            }
            Violations.None(missing.Concat(shipped.Keys.Where(k => !needed.Contains(k)).Select(k => "Dependencies/" + k + ".dll is not needed by the module")), "Dependencies");
            Assert.Contains("System.Text.Json", needed);
        }
    }
}
