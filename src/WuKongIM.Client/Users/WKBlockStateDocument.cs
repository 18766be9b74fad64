using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;

namespace WuKongIM.Client
{
    /// <summary>
    /// A block the module recorded: WuKongIM stores only the person channel's ban flag, so the end time, reason, author
    /// and start time live here.
    /// </summary>
    public sealed class WKBlockRecord
    {
        public string Uid { get; set; } = string.Empty;
        public DateTimeOffset BlockedAt { get; set; }
        /// <summary>When Sync-WKUserBlock may lift the block; null for a block without end.</summary>
        public DateTimeOffset? Until { get; set; }
        public string? Reason { get; set; }
        public string? BlockedBy { get; set; }
    }

    /// <summary>
    /// The person-channel flags the module itself last sent. The server never returns send_ban, large or allow_stranger,
    /// and /channel/info overwrites all of them, so this is the only memory of them.
    /// </summary>
    public sealed class WKPersonFlags
    {
        public bool SendBan { get; set; }
        public bool Large { get; set; }
        public bool AllowStranger { get; set; }
    }

    public sealed class WKServerBlockState
    {
        public Dictionary<string, WKBlockRecord> Blocks { get; set; } = new Dictionary<string, WKBlockRecord>(StringComparer.Ordinal);
        public Dictionary<string, WKPersonFlags> PersonFlags { get; set; } = new Dictionary<string, WKPersonFlags>(StringComparer.Ordinal);
    }

    public sealed class WKBlockStateDocument
    {
        public int Version { get; set; } = 1;
        /// <summary>Per server (base URI), so one machine can manage several WuKongIM deployments.</summary>
        public Dictionary<string, WKServerBlockState> Servers { get; set; } = new Dictionary<string, WKServerBlockState>(StringComparer.Ordinal);
    }
}
