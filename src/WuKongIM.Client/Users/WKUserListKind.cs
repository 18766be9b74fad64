using System;
using System.Collections.Generic;

namespace WuKongIM.Client
{
    public enum WKUserListKind
    {
        /// <summary>The person channel's blacklist (denylist): senders the owner does not receive from.</summary>
        Blocklist,
        /// <summary>The person channel's whitelist (allowlist), enforced only when the server runs with whitelistOffOfPerson=false.</summary>
        Allowlist,
    }
}
