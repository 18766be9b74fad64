using System.Collections.Generic;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>Which requested keys a look-up did not return (/messages skips misses without saying so).</summary>
    public static class WKMessageMatch
    {
        public static IReadOnlyList<string> MissingIds(IEnumerable<long> requested, IEnumerable<WKMessage> found)
        {
            var have = new HashSet<long>();
            foreach (WKMessage m in found)
            {
                have.Add(m.MessageId);
            }
            var missing = new List<string>();
            foreach (long id in requested)
            {
                if (have.Add(id))
                {
                    missing.Add(id.ToString(CultureInfo.InvariantCulture));
                }
            }
            return missing;
        }

        public static IReadOnlyList<string> MissingSeqs(IEnumerable<ulong> requested, IEnumerable<WKMessage> found)
        {
            var have = new HashSet<ulong>();
            foreach (WKMessage m in found)
            {
                have.Add(m.MessageSeq);
            }
            var missing = new List<string>();
            foreach (ulong seq in requested)
            {
                if (have.Add(seq))
                {
                    missing.Add(seq.ToString(CultureInfo.InvariantCulture));
                }
            }
            return missing;
        }
    }
}
