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
    /// The module's JSON state file (blocks and remembered person-channel flags). Each change is a locked
    /// read-modify-write: a sibling <c>.lock</c> file held exclusively, the new content written to a temporary file and
    /// moved over the old one, so two scheduled jobs never lose each other's changes and a crash never leaves half a file.
    /// </summary>
    public sealed class WKBlockStateStore
    {
        public const string PathVariable = "WUKONGIM_STATE_PATH";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

        public WKBlockStateStore(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("The state file path is empty.", nameof(path));
            }
            Path = System.IO.Path.GetFullPath(path);
        }

        public string Path { get; }

        /// <summary><c>$env:WUKONGIM_STATE_PATH</c>, else <c>WuKongIM/state.json</c> under the user's local application data.</summary>
        public static string DefaultPath(Func<string, string?> getEnvironmentVariable)
        {
            string? configured = getEnvironmentVariable(PathVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured!.Trim();
            }
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (string.IsNullOrEmpty(root))
            {
                // Service accounts on Linux can lack a home; the temp folder still lets a job run.
                root = System.IO.Path.GetTempPath();
            }
            return System.IO.Path.Combine(root, "WuKongIM", "state.json");
        }

        /// <summary>The key of a server in the file: its base address.</summary>
        public static string ServerKey(Uri baseUri) => baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant();

        public WKBlockStateDocument Read()
        {
            using (Lock())
            {
                return Load();
            }
        }

        /// <summary>Reads, applies <paramref name="change"/> and writes back, all under the lock.</summary>
        public T Update<T>(Func<WKBlockStateDocument, T> change)
        {
            using (Lock())
            {
                WKBlockStateDocument document = Load();
                T result = change(document);
                Save(document);
                return result;
            }
        }

        public IReadOnlyList<WKBlockRecord> GetBlocks(string server) =>
            Read().Servers.TryGetValue(server, out WKServerBlockState? state) ? state.Blocks.Values.OrderBy(b => b.Uid, StringComparer.Ordinal).ToList() : new List<WKBlockRecord>();

        public WKBlockRecord? GetBlock(string server, string uid) =>
            Read().Servers.TryGetValue(server, out WKServerBlockState? state) && state.Blocks.TryGetValue(uid, out WKBlockRecord? record) ? record : null;

        public WKPersonFlags? GetFlags(string server, string uid) =>
            Read().Servers.TryGetValue(server, out WKServerBlockState? state) && state.PersonFlags.TryGetValue(uid, out WKPersonFlags? flags) ? flags : null;

        public void SetBlock(string server, WKBlockRecord record, WKPersonFlags flags) => Update(doc =>
        {
            WKServerBlockState state = For(doc, server);
            state.Blocks[record.Uid] = record;
            state.PersonFlags[record.Uid] = flags;
            return true;
        });

        /// <summary>Removes the block record; remembers the flags sent with the unban. True when a record existed.</summary>
        public bool RemoveBlock(string server, string uid, WKPersonFlags flags) => Update(doc =>
        {
            WKServerBlockState state = For(doc, server);
            state.PersonFlags[uid] = flags;
            return state.Blocks.Remove(uid);
        });

        private static WKServerBlockState For(WKBlockStateDocument doc, string server)
        {
            if (!doc.Servers.TryGetValue(server, out WKServerBlockState? state))
            {
                doc.Servers[server] = state = new WKServerBlockState();
            }
            return state;
        }

        private WKBlockStateDocument Load()
        {
            if (!File.Exists(Path))
            {
                return new WKBlockStateDocument();
            }
            string text = File.ReadAllText(Path);
            if (text.Trim().Length == 0)
            {
                return new WKBlockStateDocument();
            }
            try
            {
                WKBlockStateDocument? document = JsonSerializer.Deserialize<WKBlockStateDocument>(text, Json);
                if (document == null || document.Version != 1)
                {
                    throw new WKStateFileException("The state file '" + Path + "' is not a version 1 WuKongIM state file.");
                }
                // The file's dictionaries are case-sensitive like uids; rebuild them with the ordinal comparer.
                var copy = new WKBlockStateDocument();
                foreach (var server in document.Servers)
                {
                    var state = new WKServerBlockState();
                    foreach (var block in server.Value.Blocks ?? new Dictionary<string, WKBlockRecord>())
                    {
                        state.Blocks[block.Key] = block.Value;
                    }
                    foreach (var flags in server.Value.PersonFlags ?? new Dictionary<string, WKPersonFlags>())
                    {
                        state.PersonFlags[flags.Key] = flags.Value;
                    }
                    copy.Servers[server.Key] = state;
                }
                return copy;
            }
            catch (JsonException ex)
            {
                throw new WKStateFileException("The state file '" + Path + "' cannot be read (" + ex.Message + "); fix or move it. It was not changed.", ex);
            }
        }

        private void Save(WKBlockStateDocument document)
        {
            string? directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            string temporary = Path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(document, Json));
            if (File.Exists(Path))
            {
                File.Replace(temporary, Path, null);
            }
            else
            {
                File.Move(temporary, Path);
            }
        }

        private IDisposable Lock()
        {
            string? directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            DateTime deadline = DateTime.UtcNow + LockTimeout;
            while (true)
            {
                try
                {
                    return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(50);
                }
            }
        }
    }
}
