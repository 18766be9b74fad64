using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>The help: a docs page per cmdlet, and the MAML compiled from it, complete and valid.</summary>
    public sealed class HelpTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        // Texts the builder writes when a page or an entry is missing; help made of them is not help.
        private static readonly string[] Placeholders = { "No help has been written", "No description has been written" };

        private static readonly Lazy<XDocument> Help = new Lazy<XDocument>(() =>
        {
            Assert.True(File.Exists(RepoPaths.HelpFile), "No help file at " + RepoPaths.HelpFile);
            return XDocument.Load(RepoPaths.HelpFile);
        });

        private static XElement? CommandHelp(string name) =>
            Help.Value.Root!.Elements(Command + "command").FirstOrDefault(c => (string?)c.Element(Command + "details")?.Element(Command + "name") == name);

        private static string Text(XElement? element) => element == null ? string.Empty : string.Join(" ", element.Elements(Maml + "para").Select(p => p.Value)).Trim();

        private static bool IsReal(string text) => text.Length > 0 && !Placeholders.Any(p => text.Contains(p, StringComparison.Ordinal));

        private static IEnumerable<string> ExpectedParameters(CmdletShape cmdlet) =>
            cmdlet.Parameters.Select(p => p.Name)
                .Concat(cmdlet.SupportsShouldProcess ? new[] { "WhatIf", "Confirm" } : Array.Empty<string>())
                .Concat(cmdlet.SupportsPaging ? new[] { "First", "Skip", "IncludeTotalCount" } : Array.Empty<string>());

        [Fact]
        public void Every_cmdlet_has_a_docs_page_and_every_page_a_cmdlet()
        {
            var names = BuiltModule.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var pages = Directory.GetFiles(RepoPaths.DocsDirectory, "*.md").Select(Path.GetFileNameWithoutExtension)
                .Where(n => n != null && n.Contains('-') && !n.StartsWith("about_", StringComparison.Ordinal)).Select(n => n!).ToHashSet(StringComparer.Ordinal);
            Violations.None(names.Except(pages).Select(n => n + " has no docs/" + n + ".md")
                .Concat(pages.Except(names).Select(p => "docs/" + p + ".md describes no cmdlet")), "Docs pages");
        }

        [Fact]
        public void Docs_pages_document_only_parameters_the_cmdlet_has()
        {
            var problems = new List<string>();
            foreach (CmdletShape cmdlet in BuiltModule.Cmdlets)
            {
                string path = Path.Combine(RepoPaths.DocsDirectory, cmdlet.Name + ".md");
                if (!File.Exists(path))
                {
                    continue;
                }
                var known = ExpectedParameters(cmdlet).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (Match m in Regex.Matches(File.ReadAllText(path), @"^### -(\S+)\s*$", RegexOptions.Multiline))
                {
                    if (!known.Contains(m.Groups[1].Value))
                    {
                        problems.Add(cmdlet.Name + ".md documents -" + m.Groups[1].Value + ", which the cmdlet does not have (common parameters are not documented)");
                    }
                }
            }
            Violations.None(problems, "Stale parameter docs");
        }

        [Fact]
        public void The_help_file_has_one_entry_per_cmdlet()
        {
            var entries = Help.Value.Root!.Elements(Command + "command").Select(c => (string?)c.Element(Command + "details")?.Element(Command + "name")).ToList();
            Assert.Equal(BuiltModule.Cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), entries.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Every_cmdlet_has_a_synopsis_description_and_example()
        {
            Violations.None(BuiltModule.Cmdlets.SelectMany<CmdletShape, string>(c =>
            {
                XElement? help = CommandHelp(c.Name);
                if (help == null)
                {
                    return new[] { c.Name + " has no help entry" };
                }
                var problems = new List<string>();
                if (!IsReal(Text(help.Element(Command + "details")?.Element(Maml + "description"))))
                {
                    problems.Add(c.Name + ": no synopsis");
                }
                if (!IsReal(Text(help.Element(Maml + "description"))))
                {
                    problems.Add(c.Name + ": no description");
                }
                var examples = help.Element(Command + "examples")?.Elements(Command + "example").ToList() ?? new List<XElement>();
                if (examples.Count == 0 || examples.Any(e => string.IsNullOrWhiteSpace((string?)e.Element(Dev + "code"))))
                {
                    problems.Add(c.Name + ": needs at least one example, each with code");
                }
                return problems;
            }), "Help text");
        }

        [Fact]
        public void Every_parameter_has_help_text()
        {
            Violations.None(BuiltModule.Cmdlets.SelectMany(c =>
            {
                XElement? help = CommandHelp(c.Name);
                var documented = help?.Element(Command + "parameters")?.Elements(Command + "parameter")
                    .ToDictionary(p => (string)p.Element(Maml + "name")!, p => Text(p.Element(Maml + "description")), StringComparer.Ordinal)
                    ?? new Dictionary<string, string>();
                var problems = new List<string>();
                foreach (string name in ExpectedParameters(c))
                {
                    if (!documented.TryGetValue(name, out string? text))
                    {
                        problems.Add(c.Name + ": -" + name + " is missing from the help");
                    }
                    else if (!IsReal(text))
                    {
                        problems.Add(c.Name + ": -" + name + " has no description (add '### -" + name + "' to docs/" + c.Name + ".md)");
                    }
                }
                foreach (string extra in documented.Keys.Except(ExpectedParameters(c)))
                {
                    problems.Add(c.Name + ": the help lists -" + extra + ", which the cmdlet does not have");
                }
                return problems;
            }), "Parameter help");
        }

        [Fact]
        public void The_syntax_has_one_line_per_parameter_set()
        {
            Violations.None(BuiltModule.Cmdlets.SelectMany(c =>
            {
                int lines = CommandHelp(c.Name)?.Element(Command + "syntax")?.Elements(Command + "syntaxItem").Count() ?? 0;
                return lines == c.EffectiveSets.Count
                    ? Array.Empty<string>()
                    : new[] { c.Name + ": " + c.EffectiveSets.Count + " parameter sets but " + lines + " syntax lines" };
            }), "Syntax");
        }

        [Fact]
        public void The_help_states_what_the_code_declares()
        {
            // Spot checks that the metadata, not the prose, drives the help.
            XElement route = CommandHelp("Get-WKRoute")!;
            XElement uid = route.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string?)p.Element(Maml + "name") == "Uid");
            Assert.Equal("true", (string?)uid.Attribute("required"));
            Assert.Equal("0", (string?)uid.Attribute("position"));
            Assert.Equal("True (ByValue, ByPropertyName)", (string?)uid.Attribute("pipelineInput"));
            Assert.Contains("UserId", Text(uid.Element(Maml + "description")), StringComparison.Ordinal);
            XElement connect = CommandHelp("Connect-WKServer")!;
            XElement timeout = connect.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string?)p.Element(Maml + "name") == "TimeoutSec");
            Assert.Equal("30", (string?)timeout.Element(Dev + "defaultValue"));
            Assert.Equal("WuKongIM.PowerShell.WKSession", (string?)connect.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Dev + "type")!.Element(Maml + "name"));
        }

        [Fact]
        public void The_help_file_validates_against_the_MAML_schemas()
        {
            XmlSchemaSet schemas = MamlSchemas.Load(Path.Combine(RepoPaths.SharedDirectory, "schemas", "PSMaml"));
            XmlSchemaElement commandElement = (XmlSchemaElement)schemas.GlobalElements[new XmlQualifiedName("command", Command.NamespaceName)]!;
            Assert.NotNull(commandElement);
            XElement root = XDocument.Load(RepoPaths.HelpFile, LoadOptions.SetLineInfo).Root!;
            Assert.Equal(XName.Get("helpItems", "http://msh"), root.Name);
            Assert.Equal("maml", (string?)root.Attribute("schema"));
            var errors = new List<string>();
            // <helpItems> is PowerShell's wrapper and has no schema; each command inside it is validated.
            foreach (XElement command in root.Elements())
            {
                string name = (string?)command.Element(Command + "details")?.Element(Command + "name") ?? command.Name.ToString();
                command.Validate(commandElement, schemas, (_, e) => errors.Add(name + " line " + e.Exception?.LineNumber + ": " + e.Message));
            }
            Violations.None(errors, "MAML validation");
        }

        [Fact]
        public void The_MAML_validation_catches_a_broken_entry()
        {
            // Guards the check above: a validator that silently accepted anything would prove nothing.
            XmlSchemaSet schemas = MamlSchemas.Load(Path.Combine(RepoPaths.SharedDirectory, "schemas", "PSMaml"));
            var commandElement = (XmlSchemaElement)schemas.GlobalElements[new XmlQualifiedName("command", Command.NamespaceName)]!;
            XElement broken = new XElement(Help.Value.Root!.Elements(Command + "command").First());
            broken.Element(Command + "details")!.Element(Command + "verb")!.Remove();
            broken.Element(Command + "syntax")!.Add(new XElement(Command + "bogus"));
            var errors = new List<string>();
            broken.Validate(commandElement, schemas, (_, e) => errors.Add(e.Message));
            Assert.True(errors.Count >= 2, "expected two schema errors, got: " + string.Join(" | ", errors));
        }

        /// <summary>
        /// Every ErrorId literal in the module's source: a quoted "WK..." string that is not a doc-comment cref and not a
        /// [Cmdlet] noun. ErrorIds are written as literals where the ErrorRecord or the exception that carries them is made.
        /// </summary>
        internal static IReadOnlyList<(string Id, string Where)> ErrorIdsInSource()
        {
            var found = new List<(string, string)>();
            var literal = new Regex("(?<!cref=)\"(WK[A-Z][A-Za-z]+)\"", RegexOptions.CultureInvariant);
            foreach (string folder in new[] { "WuKongIM.PowerShell", "WuKongIM.Client" })
            {
                foreach (string file in Directory.GetFiles(Path.Combine(RepoPaths.RepositoryRoot, "src", folder), "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                {
                    string[] lines = File.ReadAllLines(file);
                    for (int i = 0; i < lines.Length; i++)
                    {
                        if (lines[i].Contains("[Cmdlet(", StringComparison.Ordinal))
                        {
                            continue;
                        }
                        foreach (Match m in literal.Matches(lines[i]))
                        {
                            found.Add((m.Groups[1].Value, Path.GetRelativePath(RepoPaths.RepositoryRoot, file) + ":" + (i + 1)));
                        }
                    }
                }
            }
            return found;
        }

        [Fact]
        public void The_source_scan_finds_the_error_ids_it_should()
        {
            // Guards the scan below: ids made in the client, in the error mapper and in a cmdlet are all found, nouns are not.
            var ids = ErrorIdsInSource().Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("WKUidEmpty", ids);
            Assert.Contains("WKBadRequest", ids);
            Assert.Contains("WKChannelExists", ids);
            Assert.DoesNotContain("WKChannel", ids);
        }

        [Fact]
        public void The_errors_about_topic_lists_every_error_id_found_in_the_source()
        {
            string topic = Path.Combine(RepoPaths.ModuleDirectory, "en-US", "about_WuKongIM_Errors.help.txt");
            Assert.True(File.Exists(topic), "No about topic at " + topic);
            string text = File.ReadAllText(topic);
            Violations.None(ErrorIdsInSource().Where(f => !Regex.IsMatch(text, "^    " + f.Id + "\r?$", RegexOptions.Multiline))
                .Select(f => f.Id + " (" + f.Where + ") is not listed in docs/about_WuKongIM_Errors.md"), "Error IDs");
        }

        [Fact]
        public void Paging_cmdlets_document_First_Skip_and_IncludeTotalCount()
        {
            var paging = BuiltModule.Cmdlets.Where(c => c.SupportsPaging).ToList();
            Assert.Contains(paging, c => c.Name == "Get-WKUser");
            Violations.None(paging.SelectMany(c =>
            {
                var parameters = CommandHelp(c.Name)?.Element(Command + "parameters")?.Elements(Command + "parameter").ToList() ?? new List<XElement>();
                return new[] { ("First", "System.UInt64"), ("Skip", "System.UInt64"), ("IncludeTotalCount", "System.Management.Automation.SwitchParameter") }
                    .Where(p => !parameters.Any(e => (string?)e.Element(Maml + "name") == p.Item1
                        && (string?)e.Element(Dev + "type")?.Element(Maml + "name") == p.Item2
                        && IsReal(Text(e.Element(Maml + "description")))))
                    .Select(p => c.Name + ": -" + p.Item1 + " (" + p.Item2 + ") is missing from the help or has no description");
            }), "Paging help");
        }

        [Fact]
        public void Every_error_id_is_documented()
        {
            string about = File.ReadAllText(Path.Combine(RepoPaths.DocsDirectory, "about_WuKongIM_Errors.md"));
            Violations.None(ErrorMapperTests.AllErrorIds().Where(id => !about.Contains("| " + id + " ", StringComparison.Ordinal))
                .Select(id => id + " is not in the table of docs/about_WuKongIM_Errors.md"), "Error IDs");
        }
    }

    /// <summary>Loads the PSMaml schema set. The schemas import "maml.xsd" while the file is Maml.xsd, so names resolve without case.</summary>
    internal static class MamlSchemas
    {
        public static XmlSchemaSet Load(string directory)
        {
            var errors = new List<string>();
            var resolver = new CaseInsensitiveResolver(directory);
            var schemas = new XmlSchemaSet { XmlResolver = resolver };
            schemas.ValidationEventHandler += (_, e) => errors.Add(e.Message);
            using (XmlReader reader = XmlReader.Create(Path.Combine(directory, "Maml.xsd"), new XmlReaderSettings { XmlResolver = resolver, DtdProcessing = DtdProcessing.Prohibit }))
            {
                schemas.Add(null, reader);
            }
            schemas.Compile();
            Violations.None(errors, "PSMaml schema compilation");
            return schemas;
        }

        private sealed class CaseInsensitiveResolver : XmlUrlResolver
        {
            private readonly string _directory;

            public CaseInsensitiveResolver(string directory) => _directory = directory;

            public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
            {
                string name = Path.GetFileName(relativeUri ?? string.Empty);
                string? match = Directory.GetFiles(_directory).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
                return match != null ? new Uri(match) : base.ResolveUri(baseUri, relativeUri);
            }
        }
    }
}
