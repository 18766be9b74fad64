using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>WuKongIM.Format.ps1xml against Format.xsd and against the types it formats.</summary>
    public sealed class FormatFileTests
    {
        private static string BuiltFormatFile => Path.Combine(RepoPaths.ModuleDirectory, "WuKongIM.Format.ps1xml");

        private static IReadOnlyList<XElement> Views() => XDocument.Load(BuiltFormatFile).Descendants("View").ToList();

        private static string ViewName(XElement view) => (string?)view.Element("Name") ?? "(unnamed view)";

        [Fact]
        public void The_format_file_validates_against_Format_xsd()
        {
            var schemas = new XmlSchemaSet();
            schemas.Add(null, Path.Combine(RepoPaths.SharedDirectory, "schemas", "Format.xsd"));
            var errors = new List<string>();
            XDocument.Load(BuiltFormatFile, LoadOptions.SetLineInfo).Validate(schemas, (_, e) =>
                errors.Add(e.Severity + " line " + e.Exception.LineNumber + ": " + e.Message));
            Violations.None(errors, "Format.xsd validation");
        }

        [Fact]
        public void The_format_validation_catches_a_broken_view()
        {
            // Guards the check above: a validator that silently accepted anything would prove nothing.
            var schemas = new XmlSchemaSet();
            schemas.Add(null, Path.Combine(RepoPaths.SharedDirectory, "schemas", "Format.xsd"));
            foreach (Action<XDocument> breakIt in new Action<XDocument>[]
            {
                d => d.Descendants("View").First().Element("Name")!.Remove(),
                d => d.Descendants("TableColumnItem").First().Add(new XElement("Colour", "red")),
                d => d.Descendants("TableColumnHeader").First().Add(new XElement("Width", "-3")),
            })
            {
                XDocument doc = XDocument.Load(BuiltFormatFile);
                breakIt(doc);
                var errors = new List<string>();
                doc.Validate(schemas, (_, e) => errors.Add(e.Message));
                Assert.NotEmpty(errors);
            }
        }

        [Fact]
        public void The_built_format_file_is_the_repository_one()
        {
            Assert.Equal(File.ReadAllBytes(RepoPaths.FormatFile), File.ReadAllBytes(BuiltFormatFile));
        }

        [Fact]
        public void Views_use_property_columns_only()
        {
            XDocument doc = XDocument.Load(BuiltFormatFile);
            Assert.Empty(doc.Descendants("ScriptBlock"));
            Assert.Empty(doc.Descendants("SelectionSetName"));
        }

        [Fact]
        public void View_names_are_unique_and_start_with_the_type_name()
        {
            var problems = new List<string>();
            foreach (var group in Views().GroupBy(ViewName).Where(g => g.Count() > 1))
            {
                problems.Add("view name " + group.Key + " is used " + group.Count() + " times");
            }
            foreach (XElement view in Views())
            {
                string? type = (string?)view.Element("ViewSelectedBy")?.Element("TypeName");
                if (type == null || !ViewName(view).StartsWith(type, StringComparison.Ordinal))
                {
                    problems.Add(ViewName(view) + ": a view is named after the full name of the type it formats");
                }
            }
            Violations.None(problems, "View names");
        }

        [Fact]
        public void Every_view_names_a_public_module_type_and_its_readable_properties()
        {
            var problems = new List<string>();
            foreach (XElement view in Views())
            {
                var typeNames = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value.Trim()).ToList();
                if (typeNames.Count != 1)
                {
                    problems.Add(ViewName(view) + ": one TypeName per view");
                    continue;
                }
                Type? type = BuiltModule.FindPublicType(typeNames[0]);
                if (type == null)
                {
                    problems.Add(ViewName(view) + ": " + typeNames[0] + " is not a public type of WuKongIM.PowerShell.dll or WuKongIM.Client.dll");
                    continue;
                }
                foreach (string property in view.Descendants("PropertyName").Select(p => p.Value.Trim()))
                {
                    PropertyInfo? info = type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance);
                    if (info == null || info.GetMethod == null || !info.GetMethod.IsPublic || info.GetIndexParameters().Length > 0)
                    {
                        problems.Add(ViewName(view) + ": " + type.Name + " has no public readable property " + property);
                    }
                }
            }
            Violations.None(problems, "View properties");
        }

        [Fact]
        public void Table_headers_match_the_columns()
        {
            var problems = new List<string>();
            foreach (XElement table in Views().Select(v => v.Element("TableControl")).OfType<XElement>())
            {
                int headers = table.Element("TableHeaders")?.Elements("TableColumnHeader").Count() ?? 0;
                foreach (XElement row in table.Descendants("TableRowEntry"))
                {
                    int columns = row.Element("TableColumnItems")?.Elements("TableColumnItem").Count() ?? 0;
                    if (columns != headers)
                    {
                        problems.Add(ViewName(table.Parent!) + ": " + headers + " headers but " + columns + " columns");
                    }
                }
            }
            Violations.None(problems, "Table headers");
        }

        [Fact]
        public void Table_headers_are_the_property_names()
        {
            // A label such as "Retries" over MaximumRetryCount, or "Text" over Preview, is a name no cmdlet accepts (issue 11).
            var problems = Views()
                .SelectMany(v => v.Descendants("TableColumnHeader").Elements("Label").Select(l => ViewName(v) + ": header '" + l.Value + "'"))
                .ToList();
            Violations.None(problems, "Labelled table headers");
        }

        [Fact]
        public void Every_module_output_type_has_a_view()
        {
            var formatted = Views().Select(v => ((string?)v.Element("ViewSelectedBy")?.Element("TypeName"))?.Trim()).ToHashSet(StringComparer.Ordinal);
            Violations.None(BuiltModule.Cmdlets
                .SelectMany(c => c.OutputTypeNames.Select(t => (Cmdlet: c.Name, Type: t)))
                .Where(o => o.Type.StartsWith("WuKongIM.", StringComparison.Ordinal) && !formatted.Contains(o.Type))
                .Select(o => o.Type + " (output of " + o.Cmdlet + ") has no view in WuKongIM.Format.ps1xml")
                .Distinct(), "Views for output types");
        }

        [Fact]
        public void Every_output_type_has_one_default_table_view()
        {
            Violations.None(Views().GroupBy(v => (string?)v.Element("ViewSelectedBy")?.Element("TypeName"))
                .Where(g => g.Count(v => v.Element("TableControl") != null) != 1)
                .Select(g => g.Key + " has " + g.Count(v => v.Element("TableControl") != null) + " table views; it should have exactly one"), "Table views");
        }
    }
}
