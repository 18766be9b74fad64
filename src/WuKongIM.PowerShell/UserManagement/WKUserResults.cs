using System;
using System.Collections.Generic;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>What happened to one uid in a bulk or composite command: Status is Succeeded or Failed, with the error text.</summary>
    public sealed class WKUserResult
    {
        /// <summary>The user acted on; for per-user lists, the user whose list changed.</summary>
        public string Uid { get; set; } = string.Empty;
        /// <summary>For per-user lists: the uid added to or removed from the list.</summary>
        public string? ListedUid { get; set; }
        public WKDeviceFlag? DeviceFlag { get; set; }
        public string Action { get; set; } = string.Empty;
        public string Status { get; set; } = WKUserResultStatus.Succeeded;
        public string? Error { get; set; }

        public override string ToString() => Uid + " " + Action + " " + Status;
    }

    public static class WKUserResultStatus
    {
        public const string Succeeded = "Succeeded";
        public const string Failed = "Failed";
    }

    /// <summary>A system uid from GET /user/systemuids.</summary>
    public sealed class WKSystemUser
    {
        public string Uid { get; set; } = string.Empty;

        public override string ToString() => Uid;
    }

    /// <summary>The outcome of Block-WKUser, Unblock-WKUser and each step of Sync-WKUserBlock.</summary>
    public sealed class WKUserBlockResult
    {
        public string Uid { get; set; } = string.Empty;
        /// <summary>Blocked, Unblocked, Lifted (expired), Reapplied (ban was missing on the server), Kept, or BanMissing.</summary>
        public string Action { get; set; } = string.Empty;
        /// <summary>When the block ends (Blocked, Reapplied, Kept) or ended (Lifted); empty after Unblock-WKUser, which ends it now.</summary>
        public DateTimeOffset? Until { get; set; }
        public string? Reason { get; set; }
        /// <summary>Whether the person channel is banned on the server after this step.</summary>
        public bool Banned { get; set; }
        /// <summary>Connections closed by kick after device quit (those without a device record survive device quit).</summary>
        public int ConnectionsClosed { get; set; }
        public WKList<string> Warnings { get; set; } = new WKList<string>();

        public override string ToString() => Uid + " " + Action;
    }

    /// <summary>A blocked user: the server's ban flag merged with what the module recorded.</summary>
    public sealed class WKBlockedUser
    {
        public string Uid { get; set; } = string.Empty;
        /// <summary>The person channel has ban=1 on the server.</summary>
        public bool BannedOnServer { get; set; }
        /// <summary>The module has a block record (with end time, reason, author).</summary>
        public bool Recorded { get; set; }
        public DateTimeOffset? BlockedAt { get; set; }
        public DateTimeOffset? Until { get; set; }
        public bool Expired { get; set; }
        public string? Reason { get; set; }
        public string? BlockedBy { get; set; }

        public override string ToString() => Uid;
    }

    public enum WKUserListKind
    {
        /// <summary>The person channel's blacklist (denylist): senders the owner does not receive from.</summary>
        Blocklist,
        /// <summary>The person channel's whitelist (allowlist), enforced only when the server runs with whitelistOffOfPerson=false.</summary>
        Allowlist,
    }

    /// <summary>
    /// One uid on a user's blocklist or allowlist. <see cref="Uid"/> is the list's owner and <see cref="ListedUid"/> the
    /// listed user, so rows pipe straight into Remove-WKUserBlocklist and Remove-WKUserAllowlist.
    /// </summary>
    public sealed class WKUserListEntry
    {
        /// <summary>The user whose list it is.</summary>
        public string Uid { get; set; } = string.Empty;
        /// <summary>The listed uid.</summary>
        public string ListedUid { get; set; } = string.Empty;
        public WKUserListKind List { get; set; }
        /// <summary>Allowlist entries only: when the uid was added (the server keeps no times for the blocklist).</summary>
        public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => Uid + " -> " + ListedUid;
    }

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

    /// <summary>A composite operation cannot go on for this uid (for example the device has no record).</summary>
    [Serializable]
    public sealed class WKUserManagementException : InvalidOperationException
    {
        public WKUserManagementException(string errorId, string message) : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
