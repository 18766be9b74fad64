using System.Text;

namespace WuKongIM.Emulator.Core
{
    /// <summary>The hashes v2.2.5 uses for ids and ordering: CRC-32/IEEE (person channel ids, slots) and FNV-1a 64 (list ids).</summary>
    public static class Hashes
    {
        private static readonly uint[] CrcTable = BuildCrcTable();

        public static uint Crc32(string text)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }
            return ~crc;
        }

        public static ulong Fnv1a64(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                hash ^= b;
                hash *= 1099511628211UL;
            }
            return hash;
        }

        /// <summary>The stored id of the person channel between two uids (wukongim-api.md §2.2): the larger CRC goes first.</summary>
        public static string PersonChannelId(string x, string y) => Crc32(x) > Crc32(y) ? x + "@" + y : y + "@" + x;

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }
                table[i] = c;
            }
            return table;
        }
    }
}
