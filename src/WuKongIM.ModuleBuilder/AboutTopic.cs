using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WuKongIM.ModuleBuilder
{
    /// <summary>
    /// Turns docs/about_*.md into the plain-text about topics Get-Help reads (en-US/about_*.help.txt). The page starts with
    /// "# about_Name" (equal to the file name); "##" headings become upper-case section titles, "###" headings subsection
    /// titles. Prose is re-wrapped for an 80-column console, fenced code is indented as it is, and a table becomes one
    /// block per row: the first cell as a title, the other cells as "Header: value" lines.
    /// </summary>
    internal static class AboutTopic
    {
        private const int Width = 80;
        private const string Indent = "    ";
        private static readonly Regex ListItem = new Regex(@"^([-*+]|\d+\.)\s+", RegexOptions.CultureInvariant);

        public static bool IsAboutPage(string path) =>
            Path.GetFileNameWithoutExtension(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase)
            && string.Equals(Path.GetExtension(path), ".md", StringComparison.OrdinalIgnoreCase);

        /// <summary>The help file name PowerShell looks for: about_Name.help.txt.</summary>
        public static string HelpFileName(string path) => Path.GetFileNameWithoutExtension(path) + ".help.txt";

        public static string Convert(string path) => Convert(path, File.ReadAllText(path, Encoding.UTF8));

        public static string Convert(string path, string markdown)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            if (first < 0 || lines[first].Trim() != "# " + name)
            {
                throw new HelpFormatException(path, first + 1, "an about page starts with '# " + name + "'.");
            }
            var output = new StringBuilder();
            output.Append("TOPIC\n").Append(Indent).Append(name).Append('\n');
            var paragraph = new List<string>();
            for (int i = first + 1; i < lines.Length; i++)
            {
                string line = lines[i];
                string trimmed = line.Trim();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    Flush(output, paragraph);
                    int end = Array.FindIndex(lines, i + 1, l => l.Trim().StartsWith("```", StringComparison.Ordinal));
                    if (end < 0)
                    {
                        throw new HelpFormatException(path, i + 1, "a code fence is never closed.");
                    }
                    output.Append('\n');
                    for (int j = i + 1; j < end; j++)
                    {
                        output.Append(lines[j].Length == 0 ? string.Empty : Indent + Indent + lines[j].TrimEnd()).Append('\n');
                    }
                    i = end;
                }
                else if (trimmed.StartsWith("## ", StringComparison.Ordinal))
                {
                    Flush(output, paragraph);
                    output.Append('\n').Append(trimmed.Substring(3).Trim().ToUpperInvariant()).Append('\n');
                }
                else if (trimmed.StartsWith("### ", StringComparison.Ordinal))
                {
                    Flush(output, paragraph);
                    string title = HelpPage.Inline(trimmed.Substring(4).Trim());
                    output.Append('\n').Append(Indent).Append(title).Append('\n').Append(Indent).Append(new string('-', title.Length)).Append('\n');
                }
                else if (trimmed.StartsWith("#", StringComparison.Ordinal))
                {
                    throw new HelpFormatException(path, i + 1, "only one '#' title; use '##' and '###' for sections.");
                }
                else if (trimmed.StartsWith("|", StringComparison.Ordinal))
                {
                    Flush(output, paragraph);
                    int end = i;
                    while (end < lines.Length && lines[end].Trim().StartsWith("|", StringComparison.Ordinal))
                    {
                        end++;
                    }
                    WriteTable(output, lines.Skip(i).Take(end - i).ToList());
                    i = end - 1;
                }
                else if (trimmed.Length == 0)
                {
                    Flush(output, paragraph);
                }
                else
                {
                    // A list item starts its own paragraph; its continuation lines join it.
                    if (ListItem.IsMatch(trimmed) && paragraph.Count > 0)
                    {
                        Flush(output, paragraph);
                    }
                    paragraph.Add(line);
                }
            }
            Flush(output, paragraph);
            return output.ToString();
        }

        private static void Flush(StringBuilder output, List<string> paragraph)
        {
            if (paragraph.Count == 0)
            {
                return;
            }
            // Nested list items keep their depth: two source spaces are one level.
            int depth = (paragraph[0].Length - paragraph[0].TrimStart().Length) / 2;
            string text = HelpPage.Inline(string.Join(" ", paragraph.Select(l => l.Trim())));
            Match item = ListItem.Match(text);
            string lead = Indent + new string(' ', depth * 2);
            string hanging = item.Success ? lead + new string(' ', item.Length) : lead;
            output.Append('\n');
            Wrap(output, text, lead, hanging);
            paragraph.Clear();
        }

        private static void WriteTable(StringBuilder output, List<string> rows)
        {
            List<string[]> cells = rows.Select(r => r.Trim().Trim('|').Split('|').Select(c => HelpPage.Inline(c.Trim())).ToArray()).ToList();
            string[] headers = cells[0];
            foreach (string[] row in cells.Skip(1).Where(r => !r.All(c => Regex.IsMatch(c, "^:?-+:?$"))))
            {
                output.Append('\n').Append(Indent).Append(row[0]).Append('\n');
                for (int c = 1; c < row.Length && c < headers.Length; c++)
                {
                    if (row[c].Length > 0)
                    {
                        Wrap(output, headers[c] + ": " + row[c], Indent + Indent, Indent + Indent + "  ");
                    }
                }
            }
        }

        private static void Wrap(StringBuilder output, string text, string lead, string hanging)
        {
            var line = new StringBuilder(lead);
            bool empty = true;
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    output.Append(line.ToString().TrimEnd()).Append('\n');
                    line.Clear().Append(hanging);
                    empty = true;
                }
                if (!empty)
                {
                    line.Append(' ');
                }
                line.Append(word);
                empty = false;
            }
            output.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
