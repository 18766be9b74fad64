using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WuKongIM.ModuleBuilder
{
    /// <summary>A docs/*.md page that cannot be read; the build fails on it.</summary>
    internal sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string path, int line, string message)
            : base(path + "(" + line + "): " + message)
        {
        }
    }

    internal sealed class HelpExample
    {
        public string Title { get; init; } = string.Empty;
        public string Code { get; init; } = string.Empty;
        public IReadOnlyList<string> Remarks { get; init; } = Array.Empty<string>();
    }

    internal sealed class HelpLink
    {
        public string Text { get; init; } = string.Empty;
        /// <summary>An absolute address; null for a link to another help topic (a cmdlet name).</summary>
        public string? Uri { get; init; }
    }

    /// <summary>A titled run of paragraphs: a parameter, an input type or an output type.</summary>
    internal sealed class HelpEntry
    {
        public string Title { get; init; } = string.Empty;
        public int Line { get; init; }
        public IReadOnlyList<string> Paragraphs { get; init; } = Array.Empty<string>();
    }

    /// <summary>
    /// The prose of one cmdlet's help, read from the light platyPS-like markdown described in docs/README.md.
    /// Facts the code knows (types, sets, positions, pipeline input, aliases, defaults) are never read from here.
    /// </summary>
    internal sealed class HelpPage
    {
        public static readonly IReadOnlyList<string> Sections = new[]
        {
            "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly HashSet<string> SectionsWithEntries = new HashSet<string>(StringComparer.Ordinal) { "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS" };
        private static readonly Regex LinkPattern = new Regex(@"^\[(?<text>[^\]]+)\]\((?<target>[^)\s]*)\)$", RegexOptions.CultureInvariant);
        private static readonly Regex InlineLink = new Regex(@"\[(?<text>[^\]]+)\]\((?<target>[^)\s]+)\)", RegexOptions.CultureInvariant);
        private static readonly Regex ListItem = new Regex(@"^(\s*)([-*+]|\d+\.)\s+", RegexOptions.CultureInvariant);

        public string Name { get; private set; } = string.Empty;
        public string Path { get; private set; } = string.Empty;
        public IReadOnlyList<string> Synopsis { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> Description { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<HelpExample> Examples { get; private set; } = Array.Empty<HelpExample>();
        public IReadOnlyList<HelpEntry> Parameters { get; private set; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<HelpEntry> Inputs { get; private set; } = Array.Empty<HelpEntry>();
        /// <summary>Text directly under INPUTS (no type heading): describes a cmdlet that takes no pipeline input.</summary>
        public IReadOnlyList<string> InputsText { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<HelpEntry> Outputs { get; private set; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<string> OutputsText { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> Notes { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<HelpLink> Links { get; private set; } = Array.Empty<HelpLink>();

        /// <summary>True for docs/Verb-Noun.md; README.md and about_*.md are other documentation.</summary>
        public static bool IsCommandPage(string path)
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(path);
            return !name.StartsWith("about_", StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(name, "^[A-Za-z]+-[A-Za-z0-9]+$", RegexOptions.CultureInvariant);
        }

        public static HelpPage Load(string path) => Parse(path, File.ReadAllText(path, Encoding.UTF8));

        public static HelpPage Parse(string path, string text)
        {
            string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
            var page = new HelpPage { Path = path };
            int i = SkipFrontMatter(lines);
            while (i < lines.Length && lines[i].Trim().Length == 0)
            {
                i++;
            }
            if (i >= lines.Length || !lines[i].StartsWith("# ", StringComparison.Ordinal))
            {
                throw new HelpFormatException(path, i + 1, "the page must start with '# Verb-Noun'.");
            }
            page.Name = lines[i].Substring(2).Trim();
            string expected = System.IO.Path.GetFileNameWithoutExtension(path);
            if (!string.Equals(page.Name, expected, StringComparison.Ordinal))
            {
                throw new HelpFormatException(path, i + 1, "the title '" + page.Name + "' does not match the file name '" + expected + "'.");
            }

            // Split into sections and entries; fenced code is opaque, so '#' lines inside it are not headings.
            var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
            Section? section = null;
            Chunk? chunk = null;
            bool inFence = false;
            int fenceLine = 0;
            for (i++; i < lines.Length; i++)
            {
                string line = lines[i];
                if (IsFence(line))
                {
                    inFence = !inFence;
                    fenceLine = i + 1;
                }
                else if (!inFence && line.StartsWith("#", StringComparison.Ordinal))
                {
                    if (line.StartsWith("## ", StringComparison.Ordinal))
                    {
                        string title = line.Substring(3).Trim();
                        if (!Sections.Contains(title))
                        {
                            throw new HelpFormatException(path, i + 1, "unknown section '## " + title + "'; the sections are: " + string.Join(", ", Sections) + ".");
                        }
                        if (sections.ContainsKey(title))
                        {
                            throw new HelpFormatException(path, i + 1, "section '## " + title + "' appears twice.");
                        }
                        section = new Section(title, i + 1);
                        sections.Add(title, section);
                        chunk = section.Body;
                        continue;
                    }
                    if (line.StartsWith("### ", StringComparison.Ordinal))
                    {
                        if (section == null || !SectionsWithEntries.Contains(section.Title))
                        {
                            throw new HelpFormatException(path, i + 1, "'###' headings belong only under EXAMPLES, PARAMETERS, INPUTS and OUTPUTS.");
                        }
                        chunk = new Chunk(line.Substring(4).Trim(), i + 1);
                        section.Entries.Add(chunk);
                        continue;
                    }
                    throw new HelpFormatException(path, i + 1, "unexpected heading '" + line.Trim() + "': use '## SECTION' and '### entry' only.");
                }
                if (chunk == null)
                {
                    if (line.Trim().Length > 0)
                    {
                        throw new HelpFormatException(path, i + 1, "text before the first '## SECTION'.");
                    }
                    continue;
                }
                chunk.Lines.Add(line);
                continue;
            }
            if (inFence)
            {
                throw new HelpFormatException(path, fenceLine, "code fence is not closed.");
            }

            page.Synopsis = Paragraphs(Get(sections, "SYNOPSIS")?.Body);
            page.Description = Paragraphs(Get(sections, "DESCRIPTION")?.Body);
            page.Notes = Paragraphs(Get(sections, "NOTES")?.Body);
            page.Examples = ReadExamples(path, Get(sections, "EXAMPLES"));
            page.Parameters = ReadEntries(path, Get(sections, "PARAMETERS"), parameter: true);
            page.Inputs = ReadEntries(path, Get(sections, "INPUTS"), parameter: false);
            page.InputsText = Paragraphs(Get(sections, "INPUTS")?.Body);
            page.Outputs = ReadEntries(path, Get(sections, "OUTPUTS"), parameter: false);
            page.OutputsText = Paragraphs(Get(sections, "OUTPUTS")?.Body);
            page.Links = ReadLinks(path, Get(sections, "RELATED LINKS"));
            EnsureEmptyBody(path, Get(sections, "EXAMPLES"));
            EnsureEmptyBody(path, Get(sections, "PARAMETERS"));
            return page;
        }

        private static Section? Get(Dictionary<string, Section> sections, string name) => sections.TryGetValue(name, out Section? s) ? s : null;

        private static int SkipFrontMatter(string[] lines)
        {
            if (lines.Length == 0 || lines[0].Trim() != "---")
            {
                return 0;
            }
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Trim() == "---")
                {
                    return i + 1;
                }
            }
            return 0;
        }

        private static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

        private static void EnsureEmptyBody(string path, Section? section)
        {
            if (section != null && Paragraphs(section.Body).Count > 0)
            {
                throw new HelpFormatException(path, section.Body.Line, "text directly under '## " + section.Title + "' belongs in a '###' entry.");
            }
        }

        private static IReadOnlyList<HelpExample> ReadExamples(string path, Section? section)
        {
            var examples = new List<HelpExample>();
            if (section == null)
            {
                return examples;
            }
            foreach (Chunk entry in section.Entries)
            {
                string? code = null;
                var remarks = new List<string>();
                foreach (Block block in Blocks(entry))
                {
                    if (block.IsCode && code == null)
                    {
                        code = block.Text;
                    }
                    else
                    {
                        remarks.Add(block.Text);
                    }
                }
                if (code == null)
                {
                    throw new HelpFormatException(path, entry.Line, "example '" + entry.Title + "' has no ```powershell code block.");
                }
                examples.Add(new HelpExample { Title = entry.Title, Code = code, Remarks = remarks });
            }
            return examples;
        }

        private static IReadOnlyList<HelpEntry> ReadEntries(string path, Section? section, bool parameter)
        {
            var entries = new List<HelpEntry>();
            if (section == null)
            {
                return entries;
            }
            foreach (Chunk chunk in section.Entries)
            {
                string title = chunk.Title;
                if (parameter)
                {
                    if (!title.StartsWith("-", StringComparison.Ordinal) || title.Length < 2 || title.Contains(' ', StringComparison.Ordinal))
                    {
                        throw new HelpFormatException(path, chunk.Line, "a parameter heading must read '### -Name', not '### " + title + "'.");
                    }
                    title = title.Substring(1);
                }
                if (entries.Any(e => string.Equals(e.Title, title, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new HelpFormatException(path, chunk.Line, "'### " + chunk.Title + "' appears twice.");
                }
                entries.Add(new HelpEntry { Title = title, Line = chunk.Line, Paragraphs = Paragraphs(chunk) });
            }
            return entries;
        }

        private static IReadOnlyList<HelpLink> ReadLinks(string path, Section? section)
        {
            var links = new List<HelpLink>();
            if (section == null)
            {
                return links;
            }
            int line = section.Body.Line;
            foreach (string raw in section.Body.Lines)
            {
                line++;
                string text = ListItem.Replace(raw.Trim(), string.Empty, 1).Trim();
                if (text.Length == 0)
                {
                    continue;
                }
                Match m = LinkPattern.Match(text);
                if (m.Success)
                {
                    string target = m.Groups["target"].Value;
                    bool absolute = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                    links.Add(new HelpLink { Text = m.Groups["text"].Value.Trim(), Uri = absolute ? target : null });
                }
                else if (text.Contains('[', StringComparison.Ordinal) || text.Contains('(', StringComparison.Ordinal))
                {
                    throw new HelpFormatException(path, line, "a related link is '- [text](address)' or '- Topic-Name', not '" + text + "'.");
                }
                else
                {
                    links.Add(new HelpLink { Text = text });
                }
            }
            return links;
        }

        private static IReadOnlyList<string> Paragraphs(Chunk? chunk) => chunk == null ? Array.Empty<string>() : Blocks(chunk).Select(b => b.Text).ToList();

        /// <summary>
        /// Paragraphs are separated by blank lines; each list item is its own paragraph and keeps its marker; fenced code
        /// becomes one paragraph with its line breaks. Inline markup is reduced to plain text for the console.
        /// </summary>
        private static List<Block> Blocks(Chunk chunk)
        {
            var blocks = new List<Block>();
            var current = new List<string>();
            List<string>? code = null;

            void Flush()
            {
                if (current.Count > 0)
                {
                    blocks.Add(new Block(Inline(string.Join(" ", current)), isCode: false));
                    current.Clear();
                }
            }

            foreach (string line in chunk.Lines)
            {
                if (IsFence(line))
                {
                    if (code == null)
                    {
                        Flush();
                        code = new List<string>();
                    }
                    else
                    {
                        blocks.Add(new Block(string.Join("\n", code).Trim('\n'), isCode: true));
                        code = null;
                    }
                    continue;
                }
                if (code != null)
                {
                    code.Add(line.TrimEnd());
                    continue;
                }
                string trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    Flush();
                    continue;
                }
                if (ListItem.IsMatch(line) || trimmed.StartsWith("|", StringComparison.Ordinal))
                {
                    Flush();
                }
                current.Add(trimmed);
            }
            Flush();
            return blocks;
        }

        internal static string Inline(string text)
        {
            string result = InlineLink.Replace(text, m =>
            {
                string target = m.Groups["target"].Value;
                bool absolute = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                return absolute ? m.Groups["text"].Value + " (" + target + ")" : m.Groups["text"].Value;
            });
            return result.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);
        }

        private sealed class Section
        {
            public Section(string title, int line)
            {
                Title = title;
                Body = new Chunk(title, line);
            }

            public string Title { get; }
            public Chunk Body { get; }
            public List<Chunk> Entries { get; } = new List<Chunk>();
        }

        private sealed class Chunk
        {
            public Chunk(string title, int line)
            {
                Title = title;
                Line = line;
            }

            public string Title { get; }
            public int Line { get; }
            public List<string> Lines { get; } = new List<string>();
        }

        private readonly struct Block
        {
            public Block(string text, bool isCode)
            {
                Text = text;
                IsCode = isCode;
            }

            public string Text { get; }
            public bool IsCode { get; }
        }
    }
}
