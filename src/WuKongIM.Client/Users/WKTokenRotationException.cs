using System;
using System.Collections.Generic;

namespace WuKongIM.Client
{
    /// <summary>
    /// A token rotation that failed part-way: the tokens in <see cref="Issued"/> are already set on the server, so they are
    /// handed back here (never in the message); <see cref="Exception.InnerException"/> is the failure.
    /// </summary>
    public sealed class WKTokenRotationException : Exception
    {
        public WKTokenRotationException(string uid, IReadOnlyList<WKUserToken> issued, Exception inner)
            : base("Rotating the tokens of '" + uid + "' stopped after " + issued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                   " device(s) got a new token: " + inner.Message, inner)
        {
            Issued = issued;
        }

        /// <summary>The tokens set before the failure, in clear text.</summary>
        public IReadOnlyList<WKUserToken> Issued { get; }
    }
}
