using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>
    /// The layout tool as the build runs it, on scratch folders: it fails for real errors (unreadable docs, missing inputs,
    /// a dangerous output folder) and never for missing help.
    /// </summary>
    public sealed class ModuleBuilderTests : IDisposable
    {
        private readonly string _scratch = Path.Combine(Path.GetTempPath(), "wk-builder-" + Guid.NewGuid().ToString("N"));

        public ModuleBuilderTests() => Directory.CreateDirectory(_scratch);

        public void Dispose() => Directory.Delete(_scratch, recursive: true);

        private static string Configuration =>
            new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Parent!.Name;

        private static (int ExitCode, string Output) RunBuilder(params string[] arguments) => RunBuilderIn(RepoPaths.RepositoryRoot, arguments);

        private static (int ExitCode, string Output) RunBuilderIn(string repositoryRoot, params string[] arguments)
        {
            string tool = Path.Combine(RepoPaths.RepositoryRoot, "src", "WuKongIM.ModuleBuilder", "bin", Configuration, "net10.0", "WuKongIM.ModuleBuilder.dll");
            Assert.True(File.Exists(tool), "The ModuleBuilder is not built at " + tool);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(tool);
            start.ArgumentList.Add("--repo-root");
            start.ArgumentList.Add(repositoryRoot);
            start.ArgumentList.Add("--configuration");
            start.ArgumentList.Add(Configuration);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "the builder did not finish within 60 s");
            return (process.ExitCode, stdout + stderr.Result);
        }

        private string Docs(params (string Name, string Text)[] pages)
        {
            string docs = Path.Combine(_scratch, "docs");
            Directory.CreateDirectory(docs);
            foreach ((string name, string text) in pages)
            {
                File.WriteAllText(Path.Combine(docs, name), text);
            }
            return docs;
        }

        [Fact]
        public void Missing_help_is_reported_but_the_layout_is_still_built()
        {
            string output = Path.Combine(_scratch, "WuKongIM");
            (int exit, string text) = RunBuilder("--output", output, "--docs", Docs(("README.md", "# not a cmdlet page\n")));
            Assert.True(exit == 0, text);
            Assert.Contains("no docs/Connect-WKServer.md", text, StringComparison.Ordinal);
            XDocument help = XDocument.Load(Path.Combine(output, "en-US", "WuKongIM.PowerShell.dll-Help.xml"));
            Assert.Equal(BuiltModule.Cmdlets.Count, help.Root!.Elements().Count());
            Assert.True(File.Exists(Path.Combine(output, "Dependencies", "System.Text.Json.dll")));
        }

        [Fact]
        public void An_about_page_becomes_an_about_topic_and_not_a_cmdlet()
        {
            string output = Path.Combine(_scratch, "WuKongIM");
            string about = "# about_Sample\n\n## SHORT DESCRIPTION\nOne `line`.\n\n## LONG DESCRIPTION\n\n### Ids\n\n"
                + "| ErrorId | Cause |\n| --- | --- |\n| WKOne | The **first** cause. |\n\n```powershell\nGet-WKSession\n```\n";
            (int exit, string text) = RunBuilder("--output", output, "--docs", Docs(("about_Sample.md", about)));
            Assert.True(exit == 0, text);
            Assert.DoesNotContain("about_Sample", text, StringComparison.Ordinal);
            string topic = File.ReadAllText(Path.Combine(output, "en-US", "about_Sample.help.txt"));
            Assert.StartsWith("TOPIC\n    about_Sample\n\nSHORT DESCRIPTION\n\n    One line.\n\nLONG DESCRIPTION\n", topic, StringComparison.Ordinal);
            Assert.Contains("    WKOne\n        Cause: The first cause.\n", topic, StringComparison.Ordinal);
            Assert.Contains("        Get-WKSession\n", topic, StringComparison.Ordinal);
        }

        [Fact]
        public void An_about_page_with_the_wrong_title_fails_the_build()
        {
            (int exit, string text) = RunBuilder("--output", Path.Combine(_scratch, "WuKongIM"), "--docs", Docs(("about_Sample.md", "# about_Other\n\nText.\n")));
            Assert.Equal(1, exit);
            Assert.Contains("an about page starts with '# about_Sample'", text, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("# Get-WKRoute\n\n## SYNOPSYS\nTypo.\n", "Get-WKRoute.md(3)", "unknown section")]
        [InlineData("# Get-WKRoute\n\n## EXAMPLES\n\n### Example 1: no code\nJust text.\n", "Get-WKRoute.md(5)", "no ```powershell code block")]
        [InlineData("# Get-WKRoute\n\n## EXAMPLES\n\n### Example 1\n```powershell\nGet-WKRoute\n", "Get-WKRoute.md(6)", "not closed")]
        [InlineData("# Get-WKRoutes\n\n## SYNOPSIS\nWrong title.\n", "Get-WKRoute.md(1)", "does not match the file name")]
        [InlineData("# Get-WKRoute\n\n## PARAMETERS\n\n### Uid\nNo dash.\n", "Get-WKRoute.md(5)", "### -Name")]
        [InlineData("# Get-WKRoute\n\n## SYNOPSIS\nOne.\n\n## SYNOPSIS\nTwo.\n", "Get-WKRoute.md(6)", "appears twice")]
        public void An_unreadable_page_fails_the_build_with_file_and_line(string page, string where, string why)
        {
            string output = Path.Combine(_scratch, "WuKongIM");
            (int exit, string text) = RunBuilder("--output", output, "--docs", Docs(("Get-WKRoute.md", page)));
            Assert.True(exit != 0, "the builder accepted a broken page:\n" + text);
            Assert.Contains(where, text, StringComparison.Ordinal);
            Assert.Contains(why, text, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_input_fails_the_build()
        {
            (int exit, string text) = RunBuilder("--output", Path.Combine(_scratch, "WuKongIM"), "--input", Path.Combine(_scratch, "nothing-here"));
            Assert.True(exit != 0, text);
            Assert.Contains("does not exist", text, StringComparison.Ordinal);
        }

        [Fact]
        public void It_refuses_to_wipe_a_folder_that_holds_the_repository()
        {
            // On a scratch copy of the repository's inputs, so a broken guard could only ever delete scratch files.
            string repo = Path.Combine(_scratch, "repo");
            Directory.CreateDirectory(repo);
            File.Copy(RepoPaths.Manifest, Path.Combine(repo, "WuKongIM.psd1"));
            File.Copy(RepoPaths.FormatFile, Path.Combine(repo, "WuKongIM.Format.ps1xml"));
            string input = Path.Combine(RepoPaths.CmdletSourceDirectory, "bin", Configuration, "netstandard2.0");
            foreach (string output in new[] { repo, _scratch })
            {
                (int exit, string text) = RunBuilderIn(repo, "--output", output, "--input", input, "--docs", Docs());
                Assert.True(exit != 0, text);
                Assert.Contains("refusing", text, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(repo, "WuKongIM.psd1")));
            }
        }
    }
}
