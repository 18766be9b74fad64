using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace WuKongIM.ModuleBuilder
{
    /// <summary>
    /// Writes MAML command help (the format of PowerShell's own *.dll-Help.xml files) from the reflected cmdlet metadata
    /// and the prose of its docs page. Element order and required elements follow developerCommand.xsd, so the output
    /// validates against the PSMaml schemas.
    /// </summary>
    internal static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private const string WhatIfText = "Shows what would happen if the cmdlet runs. The cmdlet is not run.";
        private const string ConfirmText = "Prompts you for confirmation before running the cmdlet.";
        private const string FirstText = "Gets only the first N objects. Without it, every object is written.";
        private const string SkipText = "Ignores the first N objects and then gets the remaining objects.";
        private const string IncludeTotalCountText = "Reports the number of objects before the objects themselves. When the total is not known, the count says so with an accuracy of 0.";

        /// <summary>Help for every cmdlet of one assembly; <paramref name="pages"/> may lack pages (the text then says so).</summary>
        public static XDocument Write(IEnumerable<CmdletModel> cmdlets, IReadOnlyDictionary<string, HelpPage> pages, string version, string copyright, ICollection<string> warnings)
        {
            var root = new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName));
            foreach (CmdletModel cmdlet in cmdlets.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                pages.TryGetValue(cmdlet.Name, out HelpPage? page);
                if (page == null)
                {
                    warnings.Add(cmdlet.Name + ": no docs/" + cmdlet.Name + ".md; its help has the syntax only.");
                }
                else
                {
                    CheckDrift(cmdlet, page, warnings);
                }
                root.Add(CommandElement(cmdlet, page, version, copyright));
            }
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        /// <summary>Prose that no longer matches the code is left out of the help and reported.</summary>
        private static void CheckDrift(CmdletModel cmdlet, HelpPage page, ICollection<string> warnings)
        {
            foreach (HelpEntry entry in page.Parameters)
            {
                if (Find(cmdlet, entry.Title) == null)
                {
                    warnings.Add(page.Path + "(" + entry.Line + "): -" + entry.Title + " is not a parameter of " + cmdlet.Name + " (common parameters are not documented).");
                }
            }
            foreach (ParameterModel parameter in cmdlet.Parameters.Where(p => !p.IsAddedByHost))
            {
                if (DocFor(page, parameter) == null)
                {
                    warnings.Add(page.Path + ": -" + parameter.Name + " of " + cmdlet.Name + " has no '### -" + parameter.Name + "' entry.");
                }
            }
            if (page.Synopsis.Count == 0 || page.Description.Count == 0 || page.Examples.Count == 0)
            {
                warnings.Add(page.Path + ": SYNOPSIS, DESCRIPTION and at least one example are expected.");
            }
            foreach (HelpEntry entry in page.Outputs)
            {
                if (!cmdlet.OutputTypes.Any(t => TypeMatches(t, entry.Title)))
                {
                    warnings.Add(page.Path + "(" + entry.Line + "): OUTPUTS names " + entry.Title + ", which is not in [OutputType] of " + cmdlet.Name + ".");
                }
            }
            foreach (HelpEntry entry in page.Inputs)
            {
                if (!InputTypes(cmdlet).Any(t => TypeMatches(t.TypeName, entry.Title)))
                {
                    warnings.Add(page.Path + "(" + entry.Line + "): INPUTS names " + entry.Title + ", which no parameter of " + cmdlet.Name + " takes from the pipeline.");
                }
            }
        }

        private static ParameterModel? Find(CmdletModel cmdlet, string name) =>
            cmdlet.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        private static HelpEntry? DocFor(HelpPage? page, ParameterModel parameter) =>
            page?.Parameters.FirstOrDefault(e => string.Equals(e.Title, parameter.Name, StringComparison.OrdinalIgnoreCase));

        /// <summary>"WuKongIM.Client.WKRoute" matches a heading of "WuKongIM.Client.WKRoute" or "WKRoute".</summary>
        public static bool TypeMatches(string fullName, string heading)
        {
            if (string.Equals(fullName, heading, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            int bracket = fullName.IndexOf('[', StringComparison.Ordinal);
            string head = bracket >= 0 ? fullName.Substring(0, bracket) : fullName;
            string tail = bracket >= 0 ? fullName.Substring(bracket) : string.Empty;
            string shortName = head.Substring(head.LastIndexOf('.') + 1) + tail;
            return string.Equals(shortName, heading, StringComparison.OrdinalIgnoreCase);
        }

        private static XElement CommandElement(CmdletModel cmdlet, HelpPage? page, string version, string copyright)
        {
            IReadOnlyList<string> synopsis = page?.Synopsis.Count > 0 ? page.Synopsis : new[] { "No help has been written for " + cmdlet.Name + " yet." };
            IReadOnlyList<string> description = page?.Description.Count > 0 ? page.Description : synopsis;

            var command = new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", cmdlet.Name),
                    Description(synopsis),
                    new XElement(Maml + "copyright", Para(copyright)),
                    new XElement(Command + "verb", cmdlet.Verb),
                    new XElement(Command + "noun", cmdlet.Noun),
                    new XElement(Dev + "version", version)),
                Description(description),
                Syntax(cmdlet, page));

            // The schema wants at least one parameter inside <command:parameters>, so a cmdlet without any omits it.
            List<ParameterModel> documented = cmdlet.Parameters.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
            if (documented.Count > 0)
            {
                command.Add(new XElement(Command + "parameters", documented.Select(p => ParameterElement(cmdlet, p, page, setName: null))));
            }

            command.Add(InputTypesElement(cmdlet, page));
            command.Add(ReturnValuesElement(cmdlet, page));
            command.Add(new XElement(Command + "terminatingErrors"));
            command.Add(new XElement(Command + "nonTerminatingErrors"));
            if (page?.Notes.Count > 0)
            {
                command.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", page.Notes.Select(Para))));
            }
            if (page?.Examples.Count > 0)
            {
                command.Add(new XElement(Command + "examples", page.Examples.Select((e, i) => ExampleElement(e, i + 1))));
            }
            command.Add(RelatedLinks(page));
            return command;
        }

        private static XElement Syntax(CmdletModel cmdlet, HelpPage? page)
        {
            var syntax = new XElement(Command + "syntax");
            foreach (string set in cmdlet.ParameterSets)
            {
                var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", cmdlet.Name));
                // Positional parameters in position order, then mandatory named ones, then the rest as declared.
                IEnumerable<ParameterModel> inSet = cmdlet.Parameters.Where(p => p.InSet(set))
                    .Select((p, index) => (p, index, entry: p.EntryFor(set)!))
                    .OrderBy(x => x.entry.Position ?? int.MaxValue)
                    .ThenBy(x => x.entry.Mandatory ? 0 : 1)
                    .ThenBy(x => x.index)
                    .Select(x => x.p);
                foreach (ParameterModel parameter in inSet)
                {
                    item.Add(ParameterElement(cmdlet, parameter, page, set));
                }
                syntax.Add(item);
            }
            return syntax;
        }

        /// <summary>A parameter inside one syntax item (<paramref name="setName"/> given) or in the parameters list.</summary>
        private static XElement ParameterElement(CmdletModel cmdlet, ParameterModel parameter, HelpPage? page, string? setName)
        {
            IReadOnlyList<ParameterSetEntry> entries = setName != null
                ? new[] { parameter.EntryFor(setName)! }
                : parameter.Sets;
            // In the parameters list a parameter mandatory in any set is shown as required, as PowerShell's own help does;
            // the text then names the sets where it is (ParameterText), and each syntax line shows its own set exactly.
            bool required = setName != null ? entries.All(e => e.Mandatory) : entries.Any(e => e.Mandatory);
            string position = Position(cmdlet, parameter, entries);
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Bool(required)),
                new XAttribute("variableLength", Bool(parameter.IsArray)),
                new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
                new XAttribute("pipelineInput", PipelineInput(entries)),
                new XAttribute("position", position),
                new XElement(Maml + "name", parameter.Name),
                Description(ParameterText(cmdlet, parameter, page)));

            if (parameter.ValidValues.Count > 0 && !parameter.IsSwitch)
            {
                element.Add(new XElement(Command + "parameterValueGroup",
                    parameter.ValidValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
            }
            else if (!parameter.IsSwitch || setName == null)
            {
                // Switches take no value on the command line, so syntax lines show them bare.
                element.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", Bool(!parameter.IsSwitch)),
                    new XAttribute("variableLength", Bool(parameter.IsArray)),
                    TypeNames.ShortName(parameter.Type)));
            }
            element.Add(TypeElement(TypeNames.FullName(parameter.Type), null));
            element.Add(new XElement(Dev + "defaultValue", parameter.DefaultValue ?? "None"));
            return element;
        }

        private static string Position(CmdletModel cmdlet, ParameterModel parameter, IReadOnlyList<ParameterSetEntry> entries)
        {
            // In the parameters list a parameter has one position: the default set's, else the first one declared.
            ParameterSetEntry? entry = entries.Count == 1 ? entries[0]
                : (cmdlet.DefaultParameterSetName != null ? parameter.EntryFor(cmdlet.DefaultParameterSetName) : null) ?? entries.FirstOrDefault(e => e.Position.HasValue) ?? entries[0];
            return entry.Position.HasValue ? entry.Position.Value.ToString(CultureInfo.InvariantCulture) : "named";
        }

        private static string PipelineInput(IEnumerable<ParameterSetEntry> entries)
        {
            bool byValue = entries.Any(e => e.ByValue);
            bool byName = entries.Any(e => e.ByPropertyName);
            if (byValue && byName)
            {
                return "True (ByValue, ByPropertyName)";
            }
            return byValue ? "True (ByValue)" : byName ? "True (ByPropertyName)" : "False";
        }

        private static IReadOnlyList<string> ParameterText(CmdletModel cmdlet, ParameterModel parameter, HelpPage? page)
        {
            var paragraphs = new List<string>();
            HelpEntry? doc = DocFor(page, parameter);
            if (doc != null && doc.Paragraphs.Count > 0)
            {
                paragraphs.AddRange(doc.Paragraphs);
            }
            else if (parameter.Name == "WhatIf" && parameter.IsRiskParameter)
            {
                paragraphs.Add(WhatIfText);
            }
            else if (parameter.Name == "Confirm" && parameter.IsRiskParameter)
            {
                paragraphs.Add(ConfirmText);
            }
            else if (parameter.IsPagingParameter)
            {
                paragraphs.Add(parameter.Name == "First" ? FirstText : parameter.Name == "Skip" ? SkipText : IncludeTotalCountText);
            }
            else
            {
                string? help = parameter.Sets.Select(s => s.HelpMessage).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h));
                paragraphs.Add(help ?? "No description has been written for this parameter yet.");
            }
            List<string> mandatoryIn = cmdlet.ParameterSets.Where(set => parameter.InSet(set) && parameter.EntryFor(set)!.Mandatory).ToList();
            if (mandatoryIn.Count > 0 && mandatoryIn.Count < cmdlet.ParameterSets.Count(parameter.InSet))
            {
                paragraphs.Add("Required in the " + string.Join(" and ", mandatoryIn) + " parameter set" + (mandatoryIn.Count > 1 ? "s" : string.Empty)
                    + " (see the syntax); optional in the others.");
            }
            // The schema has no place for aliases on a parameter, so they are stated in its text.
            if (parameter.Aliases.Count > 0)
            {
                paragraphs.Add("Aliases: " + string.Join(", ", parameter.Aliases) + ".");
            }
            return paragraphs;
        }

        /// <summary>One entry per type that binds from the pipeline; the type of an array parameter bound by value is its element type.</summary>
        internal static IReadOnlyList<(string TypeName, string Text)> InputTypes(CmdletModel cmdlet)
        {
            var types = new List<(string TypeName, string Text)>();
            foreach (ParameterModel parameter in cmdlet.Parameters)
            {
                bool byValue = parameter.Sets.Any(s => s.ByValue);
                bool byName = parameter.Sets.Any(s => s.ByPropertyName);
                if (!byValue && !byName)
                {
                    continue;
                }
                Type type = byValue && parameter.IsArray ? parameter.Type.GetElementType()! : parameter.Type;
                string name = TypeNames.FullName(Nullable.GetUnderlyingType(type) ?? type);
                string names = string.Join(" or ", new[] { parameter.Name }.Concat(parameter.Aliases));
                string text = byValue
                    ? "You can pipe a " + TypeNames.ShortName(type) + " to the -" + parameter.Name + " parameter" + (byName ? ", or an object with a " + names + " property." : ".")
                    : "Objects with a " + names + " property bind it to the -" + parameter.Name + " parameter.";
                int existing = types.FindIndex(t => t.TypeName == name);
                if (existing >= 0)
                {
                    types[existing] = (name, types[existing].Text + " " + text);
                }
                else
                {
                    types.Add((name, text));
                }
            }
            return types;
        }

        private static XElement InputTypesElement(CmdletModel cmdlet, HelpPage? page)
        {
            var element = new XElement(Command + "inputTypes");
            IReadOnlyList<(string TypeName, string Text)> types = InputTypes(cmdlet);
            if (types.Count == 0)
            {
                IReadOnlyList<string> text = page?.InputsText.Count > 0 ? page.InputsText : new[] { "You cannot pipe objects to this cmdlet." };
                element.Add(new XElement(Command + "inputType", TypeElement("None", null), Description(text)));
                return element;
            }
            foreach ((string typeName, string text) in types)
            {
                HelpEntry? doc = page?.Inputs.FirstOrDefault(e => TypeMatches(typeName, e.Title));
                IReadOnlyList<string> paragraphs = doc?.Paragraphs.Count > 0 ? doc.Paragraphs : new[] { text };
                element.Add(new XElement(Command + "inputType", TypeElement(typeName, null), Description(paragraphs)));
            }
            return element;
        }

        private static XElement ReturnValuesElement(CmdletModel cmdlet, HelpPage? page)
        {
            var element = new XElement(Command + "returnValues");
            List<string> types = cmdlet.OutputTypes.Where(t => t != "System.Void").ToList();
            if (types.Count == 0)
            {
                IReadOnlyList<string> text = page?.OutputsText.Count > 0 ? page.OutputsText : new[] { "This cmdlet returns no output." };
                element.Add(new XElement(Command + "returnValue", TypeElement("None", null), Description(text)));
                return element;
            }
            foreach (string typeName in types)
            {
                HelpEntry? doc = page?.Outputs.FirstOrDefault(e => TypeMatches(typeName, e.Title));
                IReadOnlyList<string> paragraphs = doc?.Paragraphs.Count > 0 ? doc.Paragraphs
                    : types.Count == 1 && page?.OutputsText.Count > 0 ? page.OutputsText
                    : Array.Empty<string>();
                element.Add(new XElement(Command + "returnValue", TypeElement(typeName, null), Description(paragraphs)));
            }
            return element;
        }

        private static XElement ExampleElement(HelpExample example, int number)
        {
            string title = example.Title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? example.Title : "Example " + number.ToString(CultureInfo.InvariantCulture) + ": " + example.Title;
            var element = new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + title + " --------------------------"),
                new XElement(Dev + "code", example.Code));
            if (example.Remarks.Count > 0)
            {
                element.Add(new XElement(Dev + "remarks", example.Remarks.Select(Para)));
            }
            return element;
        }

        private static XElement RelatedLinks(HelpPage? page)
        {
            var links = new XElement(Maml + "relatedLinks");
            IReadOnlyList<HelpLink> items = page?.Links.Count > 0 ? page.Links : new[] { new HelpLink { Text = "about_CommonParameters" } };
            foreach (HelpLink link in items)
            {
                links.Add(new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", link.Text),
                    new XElement(Maml + "uri", link.Uri ?? string.Empty)));
            }
            return links;
        }

        private static XElement TypeElement(string name, string? description)
        {
            var type = new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));
            if (description != null)
            {
                type.Add(Description(new[] { description }));
            }
            return type;
        }

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", paragraphs.Select(Para));

        private static XElement Para(string text) => new XElement(Maml + "para", text);

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
