using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>
    /// Input hygiene for uids read from files and pipelines: a uid is trimmed (<c>' bob '</c> is <c>bob</c>, as a uid with
    /// spaces is never what a text file meant), and a blank entry (an empty line, the last line of a file, an empty CSV cell)
    /// is skipped and counted, so the command can say once how many it skipped. One instance per command run.
    /// </summary>
    public sealed class WKUidInput
    {
        /// <summary>How many blank entries were skipped so far.</summary>
        public int BlankCount { get; private set; }

        /// <summary>The trimmed uid, or null for a blank entry (counted in <see cref="BlankCount"/>).</summary>
        public string? Clean(string? raw)
        {
            string trimmed = raw?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                BlankCount++;
                return null;
            }
            return trimmed;
        }

        /// <summary>The one warning for the skipped blank entries, or null when there were none.</summary>
        public string? BlankWarning(string what = "uid") => BlankCount == 0
            ? null
            : string.Format(CultureInfo.InvariantCulture, "Skipped {0} blank {1}{2} (empty lines or cells).", BlankCount, what, BlankCount == 1 ? string.Empty : "s");
    }
}
