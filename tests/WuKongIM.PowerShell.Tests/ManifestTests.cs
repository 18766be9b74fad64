using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>WuKongIM.psd1, read as text (no PowerShell here), against the built module and the single version source.</summary>
    public sealed class ManifestTests
    {
        private static Dictionary<string, object?> Manifest() => Psd1Reader.Parse(File.ReadAllText(Path.Combine(RepoPaths.ModuleDirectory, "WuKongIM.psd1")));

        private static string[] StringList(Dictionary<string, object?> manifest, string key)
        {
            Assert.True(manifest.ContainsKey(key), "WuKongIM.psd1 has no " + key);
            return manifest[key] switch
            {
                object?[] items => items.Select(i => Assert.IsType<string>(i)).ToArray(),
                string s => new[] { s },
                null => Array.Empty<string>(),
                var other => throw new Xunit.Sdk.XunitException(key + " is a " + other.GetType().Name + ", not a list of strings"),
            };
        }

        [Fact]
        public void The_built_manifest_is_the_repository_manifest()
        {
            Assert.Equal(File.ReadAllBytes(RepoPaths.Manifest), File.ReadAllBytes(Path.Combine(RepoPaths.ModuleDirectory, "WuKongIM.psd1")));
        }

        [Fact]
        public void CmdletsToExport_is_exactly_the_cmdlets_of_the_assembly()
        {
            string[] exported = StringList(Manifest(), "CmdletsToExport");
            Violations.None(exported.Where(e => e.IndexOfAny(new[] { '*', '?', '[' }) >= 0).Select(e => "'" + e + "' is a wildcard"), "CmdletsToExport wildcards");
            Violations.None(exported.GroupBy(e => e, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key + " is listed twice"), "CmdletsToExport duplicates");
            var reflected = BuiltModule.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var listed = exported.ToHashSet(StringComparer.Ordinal);
            Violations.None(
                reflected.Except(listed).Select(n => n + " is a cmdlet but is not in CmdletsToExport")
                    .Concat(listed.Except(reflected).Select(n => n + " is in CmdletsToExport but no cmdlet class has that name")),
                "CmdletsToExport vs the cmdlet classes");
        }

        [Theory]
        [InlineData("FunctionsToExport")]
        [InlineData("AliasesToExport")]
        [InlineData("VariablesToExport")]
        public void Nothing_but_cmdlets_is_exported(string key)
        {
            Assert.Empty(StringList(Manifest(), key));
        }

        [Fact]
        public void Every_file_the_manifest_names_exists_in_the_module_folder()
        {
            Dictionary<string, object?> manifest = Manifest();
            var named = new List<string>();
            foreach (string key in new[] { "RootModule", "FormatsToProcess", "TypesToProcess", "NestedModules", "RequiredAssemblies", "FileList", "ScriptsToProcess" })
            {
                if (manifest.ContainsKey(key))
                {
                    named.AddRange(StringList(manifest, key));
                }
            }
            Assert.Contains("WuKongIM.PowerShell.dll", named);
            Assert.Contains("WuKongIM.Format.ps1xml", named);
            Violations.None(named.Where(n => !File.Exists(Path.Combine(RepoPaths.ModuleDirectory, n))).Select(n => n + " is named by the manifest but is not in out/WuKongIM"), "Manifest files");
        }

        [Fact]
        public void ModuleVersion_equals_the_assembly_version_and_Directory_Build_props()
        {
            string moduleVersion = Assert.IsType<string>(Manifest()["ModuleVersion"]);
            Version assembly = AssemblyName.GetAssemblyName(Path.Combine(RepoPaths.ModuleDirectory, "WuKongIM.PowerShell.dll")).Version!;
            string props = XDocument.Load(Path.Combine(RepoPaths.RepositoryRoot, "Directory.Build.props")).Descendants("Version").Single().Value.Trim();
            Assert.Equal(assembly.Major + "." + assembly.Minor + "." + assembly.Build, moduleVersion);
            Assert.Equal(props, moduleVersion);
        }

        [Fact]
        public void The_manifest_targets_Windows_PowerShell_5_1_and_PowerShell_7()
        {
            Dictionary<string, object?> manifest = Manifest();
            Assert.Equal(new[] { "Desktop", "Core" }, StringList(manifest, "CompatiblePSEditions"));
            Assert.Equal("5.1", manifest["PowerShellVersion"]);
            Assert.Equal("4.7.2", manifest["DotNetFrameworkVersion"]);
            Assert.Equal("WuKongIM.PowerShell.dll", manifest["RootModule"]);
            Assert.True(Guid.TryParse(Assert.IsType<string>(manifest["GUID"]), out _));
        }

        [Theory]
        [InlineData("WuKongIM.psd1")]
        [InlineData("WuKongIM.Format.ps1xml")]
        public void Manifest_and_format_file_are_pure_ASCII(string file)
        {
            foreach (string path in new[] { Path.Combine(RepoPaths.RepositoryRoot, file), Path.Combine(RepoPaths.ModuleDirectory, file) })
            {
                byte[] bytes = File.ReadAllBytes(path);
                int bad = Array.FindIndex(bytes, b => b > 0x7F);
                Assert.True(bad < 0, path + " has a non-ASCII byte at offset " + bad + " (Windows PowerShell 5.1 reads BOM-less files as ANSI)");
            }
        }
    }
}
