using System;
using System.Collections.Generic;

namespace WuKongIM.Client
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
        public WKUserResultStatus Status { get; set; } = WKUserResultStatus.Succeeded;
        public string? Error { get; set; }

        public override string ToString() => Uid + " " + Action + " " + Status;
    }

    /// <summary>Whether the action on one uid went through.</summary>
    public enum WKUserResultStatus
    {
        Succeeded,
        Failed,
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
        public DateTimeOffset? Until { get; set; }
        public string? Reason { get; set; }
        /// <summary>Whether the person channel is banned on the server after this step.</summary>
        public bool Banned { get; set; }
        /// <summary>Connections closed by kick after device quit (those without a device record survive device quit).</summary>
        public int ConnectionsClosed { get; set; }
        public string[] Warnings { get; set; } = Array.Empty<string>();

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
}
