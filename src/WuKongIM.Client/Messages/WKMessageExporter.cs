using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    public enum WKExportFormat
    {
        /// <summary>One JSON object per line (.jsonl).</summary>
        JsonLines,
        /// <summary>RFC 4180 CSV with a header row; one record per line.</summary>
        Csv,
    }

    /// <summary>An existing file cannot be resumed: its last line is not a record this exporter wrote.</summary>
    [Serializable]
    public sealed class WKExportFileException : IOException
    {
        public WKExportFileException(string message) : base(message) { }
    }

    /// <summary>What an export wrote.</summary>
    public sealed class WKExportResult
    {
        public string Path { get; set; } = string.Empty;
        public WKExportFormat Format { get; set; }
        public string ChannelId { get; set; } = string.Empty;
        public WKChannelType ChannelType { get; set; }
        /// <summary>Messages written by this run.</summary>
        public long Count { get; set; }
        public ulong? FirstSeq { get; set; }
        public ulong? LastSeq { get; set; }
        /// <summary>The last seq already in the file when resuming; null for a new file.</summary>
        public ulong? ResumedAfterSeq { get; set; }
        public int Requests { get; set; }
        public long Bytes { get; set; }
        public TimeSpan Duration { get; set; }

        public override string ToString() => Path + ": " + Count.ToString(CultureInfo.InvariantCulture) + " messages";
    }

    /// <summary>
    /// Writes a channel's history to JSON Lines or CSV, oldest first, page by page (one page in memory at a time), and
    /// can resume: the last seq is read from the file's last line (seeking from the end, never loading the file), a
    /// partly written last line is cut off, and the export continues at the next seq — no gap, no duplicate.
    /// </summary>
    public static class WKMessageExporter
    {
        public static readonly string[] CsvColumns = { "MessageSeq", "MessageId", "ClientMsgNo", "Time", "FromUid", "ChannelId", "ChannelType", "Setting", "Expire", "Payload", "Text" };

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>
        /// A per-channel file name from a template: {ChannelId} and {ChannelType} are replaced (characters that are not
        /// allowed in file names become '_'), so one scheduled run can archive many channels into separate files.
        /// </summary>
        public static string ExpandPath(string template, string channelId, WKChannelType channelType)
        {
            var safe = new StringBuilder(channelId.Length);
            char[] invalid = System.IO.Path.GetInvalidFileNameChars();
            foreach (char c in channelId)
            {
                safe.Append(Array.IndexOf(invalid, c) >= 0 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' ? '_' : c);
            }
            return template
                .Replace("{ChannelId}", safe.ToString())
                .Replace("{ChannelType}", channelType.ToString());
        }

        /// <summary>The format implied by a file name: .csv → CSV, anything else → JSON Lines.</summary>
        public static WKExportFormat FormatFromPath(string path) =>
            string.Equals(System.IO.Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase) ? WKExportFormat.Csv : WKExportFormat.JsonLines;

        /// <summary>
        /// Exports the query's range (its order is ignored: exports are always oldest first). With <paramref name="resume"/>
        /// an existing file is continued after its last seq; otherwise an existing file is refused unless
        /// <paramref name="overwrite"/> is set.
        /// </summary>
        public static async Task<WKExportResult> ExportAsync(MessagesApi api, WKChannelMessageQuery query, string path, WKExportFormat format, bool resume, bool overwrite,
            Action<WKExportResult>? progress = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new WKValidationException("An export path is required.", "Path");
            }
            var started = DateTimeOffset.UtcNow;
            var result = new WKExportResult { Path = path, Format = format, ChannelId = query.ChannelId, ChannelType = query.ChannelType };
            bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
            if (exists && !resume && !overwrite)
            {
                throw new IOException("The file '" + path + "' already exists: use -Resume to continue it or -Force to overwrite it.");
            }
            ulong? lastSeq = null;
            bool writeHeader = true;
            if (exists && resume)
            {
                lastSeq = ReadLastSeq(path, format, truncatePartialLine: true);
                writeHeader = format == WKExportFormat.Csv && new FileInfo(path).Length == 0;
            }
            var pagedQuery = new WKChannelMessageQuery
            {
                ChannelId = query.ChannelId,
                ChannelType = query.ChannelType,
                LoginUid = query.LoginUid,
                StartSeq = lastSeq.HasValue ? Math.Max(lastSeq.Value + 1, query.StartSeq ?? 1) : query.StartSeq,
                EndSeq = query.EndSeq,
                Order = WKMessageOrder.OldestFirst,
                MaxCount = query.MaxCount,
                PageSize = query.PageSize,
                BasicEventSummary = true,
            };
            result.ResumedAfterSeq = lastSeq;
            var pager = new WKChannelMessagePager(api, pagedQuery);

            FileMode mode = exists && resume ? FileMode.Append : FileMode.Create;
            // A path such as 'archive/{ChannelId}.jsonl' names a folder that a first run has not made yet.
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            using (var file = new FileStream(path, mode, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true))
            {
                long startLength = file.Length;
                if (writeHeader && format == WKExportFormat.Csv)
                {
                    byte[] header = Utf8.GetBytes(string.Join(",", CsvColumns) + "\n");
                    await file.WriteAsync(header, 0, header.Length, cancellationToken).ConfigureAwait(false);
                }
                var buffer = new MemoryStream(256 * 1024);
                var lines = new JsonLineWriter(buffer);
                // The next page is fetched while this one is formatted and written: the pager's state (next seq, finished) is
                // settled when a page arrives, so the request for the following page can leave at once.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task<IReadOnlyList<WKMessage>>? next = pager.Finished ? null : pager.NextPageAsync(stop.Token);
                try
                {
                    while (next != null)
                    {
                        IReadOnlyList<WKMessage> page = await next.ConfigureAwait(false);
                        next = pager.Finished ? null : pager.NextPageAsync(stop.Token);
                        if (page.Count == 0)
                        {
                            continue;
                        }
                        buffer.SetLength(0);
                        foreach (WKMessage message in page)
                        {
                            if (format == WKExportFormat.JsonLines)
                            {
                                lines.Write(message);
                            }
                            else
                            {
                                WriteCsvLine(buffer, message);
                            }
                        }
                        result.FirstSeq ??= page[0].MessageSeq;
                        result.LastSeq = page[page.Count - 1].MessageSeq;
                        // Whole lines per page, flushed: a crash leaves at most one partial line, which resume cuts off.
                        await file.WriteAsync(buffer.GetBuffer(), 0, (int)buffer.Length, cancellationToken).ConfigureAwait(false);
                        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                        result.Count += page.Count;
                        result.Requests = pager.Requests;
                        result.Bytes = file.Length - startLength;
                        progress?.Invoke(result);
                    }
                }
                finally
                {
                    if (next != null)
                    {
                        // A write failed or the caller stopped: cancel the page still in flight and observe its end.
                        stop.Cancel();
                        try
                        {
                            await next.ConfigureAwait(false);
                        }
                        catch (Exception)
                        {
                            // The export's own failure is the one that propagates.
                        }
                    }
                }
                result.Requests = pager.Requests;
                result.Bytes = file.Length - startLength;
            }
            result.Duration = DateTimeOffset.UtcNow - started;
            return result;
        }

        /// <summary>One message as a JSON object on one line (ids exact, payload base64, text when the payload is text).</summary>
        public static void WriteJsonLine(Stream output, WKMessage m) => new JsonLineWriter(output).Write(m);

        /// <summary>
        /// Writes messages as JSON lines into one stream with one reused Utf8JsonWriter. The text is copied from the
        /// payload bytes when they are text, so no string is decoded and no JSON is parsed per message.
        /// </summary>
        private sealed class JsonLineWriter
        {
            private static readonly JsonEncodedText MessageSeq = JsonEncodedText.Encode("message_seq");
            private static readonly JsonEncodedText MessageId = JsonEncodedText.Encode("message_id");
            private static readonly JsonEncodedText MessageIdStr = JsonEncodedText.Encode("message_idstr");
            private static readonly JsonEncodedText ClientMsgNo = JsonEncodedText.Encode("client_msg_no");
            private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
            private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
            private static readonly JsonEncodedText FromUid = JsonEncodedText.Encode("from_uid");
            private static readonly JsonEncodedText ChannelId = JsonEncodedText.Encode("channel_id");
            private static readonly JsonEncodedText ChannelType = JsonEncodedText.Encode("channel_type");
            private static readonly JsonEncodedText Setting = JsonEncodedText.Encode("setting");
            private static readonly JsonEncodedText Expire = JsonEncodedText.Encode("expire");
            private static readonly JsonEncodedText NoPersist = JsonEncodedText.Encode("no_persist");
            private static readonly JsonEncodedText RedDot = JsonEncodedText.Encode("red_dot");
            private static readonly JsonEncodedText SyncOnce = JsonEncodedText.Encode("sync_once");
            private static readonly JsonEncodedText Payload = JsonEncodedText.Encode("payload");
            private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

            private readonly Stream _output;
            private readonly Utf8JsonWriter _writer;
            // Consecutive messages mostly share their second: the formatted time is kept for the last one.
            private long _lastTimestamp = long.MinValue;
            private string _lastTime = string.Empty;

            public JsonLineWriter(Stream output)
            {
                _output = output;
                _writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
            }

            public void Write(WKMessage m)
            {
                Utf8JsonWriter writer = _writer;
                writer.Reset(_output);
                writer.WriteStartObject();
                writer.WriteNumber(MessageSeq, m.MessageSeq);
                writer.WriteNumber(MessageId, m.MessageId);
                Span<byte> digits = stackalloc byte[24];
                Utf8Formatter.TryFormat(m.MessageId, digits, out int written);
                writer.WriteString(MessageIdStr, digits.Slice(0, written));
                writer.WriteString(ClientMsgNo, m.ClientMsgNo);
                writer.WriteNumber(Timestamp, m.TimestampValue);
                if (m.TimestampValue != _lastTimestamp)
                {
                    _lastTimestamp = m.TimestampValue;
                    _lastTime = m.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                }
                writer.WriteString(Time, _lastTime);
                writer.WriteString(FromUid, m.FromUid);
                writer.WriteString(ChannelId, m.ChannelId);
                writer.WriteNumber(ChannelType, (byte)m.ChannelType);
                writer.WriteNumber(Setting, m.Setting);
                writer.WriteNumber(Expire, m.Expire);
                writer.WriteNumber(NoPersist, m.Header.NoPersist);
                writer.WriteNumber(RedDot, m.Header.RedDot);
                writer.WriteNumber(SyncOnce, m.Header.SyncOnce);
                writer.WriteBase64String(Payload, m.Payload);
                // The same rule as WKMessage.Text, on the bytes: valid UTF-8 without control characters is written as text.
                if (WKPayload.IsText(m.Payload))
                {
                    writer.WriteString(Text, m.Payload);
                }
                else
                {
                    writer.WriteNull(Text);
                }
                writer.WriteEndObject();
                writer.Flush();
                _output.WriteByte((byte)'\n');
            }
        }

        /// <summary>One CSV record on one line; line breaks inside Text become spaces (Payload keeps the exact bytes).</summary>
        public static void WriteCsvLine(Stream output, WKMessage m)
        {
            var sb = new StringBuilder(256);
            sb.Append(m.MessageSeq.ToString(CultureInfo.InvariantCulture)).Append(',');
            sb.Append(m.MessageId.ToString(CultureInfo.InvariantCulture)).Append(',');
            AppendCsv(sb, m.ClientMsgNo).Append(',');
            sb.Append(m.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',');
            AppendCsv(sb, m.FromUid).Append(',');
            AppendCsv(sb, m.ChannelId).Append(',');
            sb.Append(((byte)m.ChannelType).ToString(CultureInfo.InvariantCulture)).Append(',');
            sb.Append(m.Setting.ToString(CultureInfo.InvariantCulture)).Append(',');
            sb.Append(m.Expire.ToString(CultureInfo.InvariantCulture)).Append(',');
            sb.Append(Convert.ToBase64String(m.Payload)).Append(',');
            AppendCsv(sb, (m.Text ?? string.Empty).Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' '));
            sb.Append('\n');
            byte[] bytes = Utf8.GetBytes(sb.ToString());
            output.Write(bytes, 0, bytes.Length);
        }

        private static StringBuilder AppendCsv(StringBuilder sb, string value)
        {
            bool quote = value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 || (value.Length > 0 && (value[0] == ' ' || value[value.Length - 1] == ' '));
            if (!quote)
            {
                return sb.Append(value);
            }
            return sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        }

        /// <summary>
        /// The seq of the last complete record in an export file, read backwards from the end; null when the file has no
        /// record. With <paramref name="truncatePartialLine"/>, a last line without its line break (an interrupted write)
        /// is removed first. Throws <see cref="WKExportFileException"/> when the last line is not a record of the format.
        /// </summary>
        public static ulong? ReadLastSeq(string path, WKExportFormat format, bool truncatePartialLine)
        {
            using var file = new FileStream(path, truncatePartialLine ? FileMode.Open : FileMode.Open, truncatePartialLine ? FileAccess.ReadWrite : FileAccess.Read, FileShare.Read);
            long length = file.Length;
            if (length == 0)
            {
                return null;
            }
            file.Position = length - 1;
            if (file.ReadByte() != '\n')
            {
                long lastBreak = FindPreviousNewline(file, length - 1);
                if (!truncatePartialLine)
                {
                    throw new WKExportFileException("The last line of '" + path + "' is incomplete (an interrupted export); resume cuts it off.");
                }
                file.SetLength(lastBreak + 1);
                length = lastBreak + 1;
                if (length == 0)
                {
                    return null;
                }
            }
            // length-1 is the final '\n'; the last line starts after the previous one.
            long lineStart = FindPreviousNewline(file, length - 1) + 1;
            int lineLength = (int)(length - 1 - lineStart);
            if (lineLength <= 0)
            {
                return null;
            }
            var bytes = new byte[lineLength];
            file.Position = lineStart;
            int read = 0;
            while (read < lineLength)
            {
                int n = file.Read(bytes, read, lineLength - read);
                if (n <= 0) break;
                read += n;
            }
            string line = Utf8.GetString(bytes, 0, read).TrimEnd('\r');
            return ParseSeq(line, format, path);
        }

        /// <summary>The position of the last '\n' strictly before <paramref name="before"/>, or -1; reads 4 KiB blocks backwards.</summary>
        private static long FindPreviousNewline(FileStream file, long before)
        {
            var block = new byte[4096];
            long end = before;
            while (end > 0)
            {
                long start = Math.Max(0, end - block.Length);
                int size = (int)(end - start);
                file.Position = start;
                int read = 0;
                while (read < size)
                {
                    int n = file.Read(block, read, size - read);
                    if (n <= 0) break;
                    read += n;
                }
                for (int i = read - 1; i >= 0; i--)
                {
                    if (block[i] == '\n')
                    {
                        return start + i;
                    }
                }
                end = start;
            }
            return -1;
        }

        private static ulong? ParseSeq(string line, WKExportFormat format, string path)
        {
            if (format == WKExportFormat.Csv)
            {
                int comma = line.IndexOf(',');
                string first = comma < 0 ? line : line.Substring(0, comma);
                if (first == CsvColumns[0])
                {
                    return null; // only the header
                }
                if (ulong.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seq))
                {
                    return seq;
                }
                throw new WKExportFileException("The last line of '" + path + "' is not an exported CSV record (it should start with the message seq).");
            }
            try
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message_seq", out JsonElement seq) && seq.TryGetUInt64(out ulong value))
                {
                    return value;
                }
            }
            catch (JsonException)
            {
            }
            throw new WKExportFileException("The last line of '" + path + "' is not an exported JSON Lines record with a message_seq.");
        }
    }
}
