using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace WuKongIM.Client
{
    /// <summary>One raft log entry from <c>/cluster/logs</c>.</summary>
    public sealed class WKClusterLog
    {
        /// <summary>The node whose log this is; set by the client.</summary>
        [JsonIgnore] public ulong NodeId { get; set; }
        [JsonIgnore] public WKClusterLogType LogType { get; set; }
        /// <summary>The slot, for slot logs; set by the client.</summary>
        [JsonIgnore] public uint? SlotId { get; set; }
        [JsonPropertyName("id")] [JsonConverter(typeof(WKAnyAsTextConverter))] public string? Id { get; set; }
        [JsonPropertyName("index")] public ulong Index { get; set; }
        [JsonPropertyName("term")] public uint Term { get; set; }
        /// <summary>The command, as the server names or numbers it.</summary>
        [JsonPropertyName("cmd")] [JsonConverter(typeof(WKAnyAsTextConverter))] public string? Cmd { get; set; }
        /// <summary>The command's data as text (raw JSON when the server sends an object).</summary>
        [JsonPropertyName("data")] [JsonConverter(typeof(WKAnyAsTextConverter))] public string? Data { get; set; }
        /// <summary>When the entry was written, as the server prints it (server-local YYYY-MM-DD HH:MM:SS, no zone).</summary>
        [JsonPropertyName("time_format")] public string? Time { get; set; }

        public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + " " + Cmd;
    }

    /// <summary>One page of <c>/cluster/logs</c>, newest first.</summary>
    public sealed class WKClusterLogPage
    {
        /// <summary>Cursor for the next (older) page.</summary>
        [JsonPropertyName("next")] public ulong Next { get; set; }
        /// <summary>Cursor for the previous (newer) page.</summary>
        [JsonPropertyName("pre")] public ulong Pre { get; set; }
        [JsonPropertyName("applied")] public ulong Applied { get; set; }
        [JsonPropertyName("last")] public ulong Last { get; set; }
        [JsonPropertyName("more")] public int More { get; set; }
        [JsonPropertyName("logs")] public WKClusterLog[] Logs { get; set; } = Array.Empty<WKClusterLog>();
    }

    /// <summary>What <c>/cluster/devtools/checkLogConflict</c> answered.</summary>
    public sealed class WKClusterLogConflictCheck
    {
        public WKClusterLogType LogType { get; set; }
        /// <summary>The log index the check was asked to start from (0: the newest).</summary>
        public ulong StartLogIndex { get; set; }
        /// <summary>False when the server answered with an empty body, which means it ran no check (WuKongIM v2.2.5 always does).</summary>
        public bool Checked { get; set; }
        /// <summary>The server's answer as text, when it gave one.</summary>
        public string? Response { get; set; }

        public override string ToString() => Checked ? "checked: " + Response : "not checked";
    }
}
