using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// The files one Export-WKChannelMessage command has written, by channel: a path without {ChannelId} expands to the
    /// same file for every piped channel, and then -Force would overwrite one channel's export with the next and -Resume
    /// would continue the next channel after the previous one's last seq. Such a second channel is refused instead.
    /// </summary>
    internal sealed class WKExportTargets
    {
        // Windows paths are case-insensitive; elsewhere g1.jsonl and G1.jsonl are two files.
        private readonly Dictionary<string, string> _owners = new Dictionary<string, string>(
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        /// <summary>Records that <paramref name="path"/> holds this channel's history; throws when it already holds another's.</summary>
        public void Claim(string path, string channelId, WKChannelType channelType, string? loginUid)
        {
            // A person channel id names one side only: the history is the pair's.
            string owner = "channel " + channelId + " (" + channelType + ")" + (channelType == WKChannelType.Person ? " with login uid " + (loginUid ?? string.Empty) : string.Empty);
            if (_owners.TryGetValue(path, out string? earlier) && !string.Equals(earlier, owner, StringComparison.Ordinal))
            {
                throw new WKValidationException("'" + path + "' already holds the export of " + earlier + " from this command; " + owner +
                    " was not exported. Put {ChannelId} (and {ChannelType}) in -Path so each channel gets its own file.", "Path");
            }
            _owners[path] = owner;
        }
    }
}
