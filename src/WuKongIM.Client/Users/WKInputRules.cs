using System;
using System.Collections.Generic;
using System.Globalization;

namespace WuKongIM.Client
{
    /// <summary>
    /// Input the client refuses before sending anything, with an ErrorId that names the cause (for example
    /// <c>WKUidEmpty</c>, <c>WKUidSpecialCharacter</c>, <c>WKInvalidDeviceFlag</c>), so scripts can branch on it.
    /// </summary>
    [Serializable]
    public class WKInvalidInputException : WKValidationException
    {
        public WKInvalidInputException(string errorId, string message, string? paramName = null, object? value = null)
            : base(message, paramName)
        {
            ErrorId = errorId;
            Value = value;
        }

        /// <summary>The PowerShell ErrorId for this cause.</summary>
        public string ErrorId { get; }

        /// <summary>The refused value (never a token).</summary>
        public object? Value { get; }
    }

    /// <summary>The client-side checks for uids and device flags (wukongim-api.md §2.3, §2.4, §3.3).</summary>
    public static class WKInputRules
    {
        /// <summary>The built-in system uid; the server refuses to set its token.</summary>
        public const string SystemUid = "____system";

        private static readonly char[] SpecialCharacters = WKIds.SpecialCharacters;

        /// <summary>
        /// Refuses an empty (or blank) uid and a uid containing <c>@</c>, <c>#</c> or <c>&amp;</c>, which the server rejects in
        /// <c>/user/token</c> (<c>uid不能包含特殊字符！</c>) and which would collide with derived person-channel ids.
        /// </summary>
        public static string Uid(string? uid, string paramName = "Uid")
        {
            // One pass over the characters finds the usual uid (no blank ends, nothing special) valid; bulk calls check
            // thousands per request. Anything else takes the checks below, which name the problem.
            if (IsPlainUid(uid))
            {
                return uid!;
            }
            if (uid == null || uid.Trim().Length == 0)
            {
                throw new WKInvalidInputException("WKUidEmpty", "The uid is empty.", paramName, uid);
            }
            int at = uid.IndexOfAny(SpecialCharacters);
            if (at >= 0)
            {
                throw new WKInvalidInputException("WKUidSpecialCharacter",
                    string.Format(CultureInfo.InvariantCulture, "The uid '{0}' contains '{1}'; WuKongIM does not allow '@', '#' or '&' in uids.", uid, uid[at]), paramName, uid);
            }
            RequireNoControl(uid, paramName);
            return uid;
        }

        /// <summary>
        /// Checks every uid of a list and drops repeats, keeping the first occurrence's order, in one pass (a batch of
        /// thousands costs one array, not a list, a set and two copies); an empty list is refused.
        /// </summary>
        public static string[] DistinctUids(IEnumerable<string?>? uids, string paramName = "Uid")
        {
            int capacity = uids is ICollection<string?> sized ? sized.Count : uids is IReadOnlyCollection<string?> read ? read.Count : 16;
            var result = new string[capacity];
            int count = 0;
            if (uids != null)
            {
                // Sized once (netstandard2.0 has no HashSet capacity); the indexer inserts in one lookup, and a repeat
                // leaves the count unchanged.
                var seen = new Dictionary<string, bool>(capacity, StringComparer.Ordinal);
                foreach (string? uid in uids)
                {
                    string checkedUid = Uid(uid, paramName);
                    int before = seen.Count;
                    seen[checkedUid] = true;
                    if (seen.Count > before)
                    {
                        if (count == result.Length)
                        {
                            Array.Resize(ref result, Math.Max(16, result.Length * 2));
                        }
                        result[count++] = checkedUid;
                    }
                }
            }
            if (count == 0)
            {
                throw new WKInvalidInputException("WKUidEmpty", "No uid was given.", paramName, null);
            }
            if (count < result.Length)
            {
                Array.Resize(ref result, count);
            }
            return result;
        }

        /// <summary>True for a non-empty uid without blank ends, '@', '#', '&amp;' or control characters.</summary>
        private static bool IsPlainUid(string? uid)
        {
            if (uid == null || uid.Length == 0 || char.IsWhiteSpace(uid[0]) || char.IsWhiteSpace(uid[uid.Length - 1]))
            {
                return false;
            }
            foreach (char c in uid)
            {
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '@' || c == '#' || c == '&')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The index of the first control character (C0, DEL, C1), or -1.</summary>
        public static int IndexOfControl(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsControl(value[i]))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Refuses a uid holding a control character (NUL, a line break, an escape): no client can type or show it.</summary>
        public static void RequireNoControl(string uid, string paramName = "Uid")
        {
            int control = IndexOfControl(uid);
            if (control >= 0)
            {
                throw new WKInvalidInputException("WKUidControlCharacter",
                    "The uid contains the control character U+" + ((int)uid[control]).ToString("X4", CultureInfo.InvariantCulture) + ".", paramName, uid);
            }
        }

        /// <summary>Checks every uid of a list and returns it as a list; an empty list is refused.</summary>
        public static List<string> Uids(IEnumerable<string?>? uids, string paramName = "Uid")
        {
            var list = new List<string>();
            if (uids != null)
            {
                foreach (string? uid in uids)
                {
                    list.Add(Uid(uid, paramName));
                }
            }
            if (list.Count == 0)
            {
                throw new WKInvalidInputException("WKUidEmpty", "No uid was given.", paramName, null);
            }
            return list;
        }

        /// <summary>A uid whose token can be set: a valid uid that is not the system uid.</summary>
        public static string TokenUid(string? uid, string paramName = "Uid")
        {
            string checkedUid = Uid(uid, paramName);
            if (checkedUid == SystemUid)
            {
                throw new WKInvalidInputException("WKSystemUidToken", "The system uid '" + SystemUid + "' cannot have a token.", paramName, uid);
            }
            return checkedUid;
        }

        /// <summary>
        /// A device flag for one device: App (0), Web (1), PC (2) or System (99). <c>All</c> and undefined numbers are refused
        /// (the server would store any byte, creating a device no client can use).
        /// </summary>
        public static WKDeviceFlag DeviceFlag(WKDeviceFlag flag, string paramName = "DeviceFlag")
        {
            if (flag == WKDeviceFlag.All || !IsDefined(flag))
            {
                throw new WKInvalidInputException("WKInvalidDeviceFlag",
                    string.Format(CultureInfo.InvariantCulture, "Unknown device flag {0}: use App (0), Web (1), PC (2) or System (99).", (int)flag), paramName, (int)flag);
            }
            return flag;
        }

        /// <summary>A device flag for device quit, where All (-1) means App, Web and PC.</summary>
        public static WKDeviceFlag QuitDeviceFlag(WKDeviceFlag flag, string paramName = "DeviceFlag")
        {
            if (!IsDefined(flag))
            {
                throw new WKInvalidInputException("WKInvalidDeviceFlag",
                    string.Format(CultureInfo.InvariantCulture, "Unknown device flag {0}: use All (-1), App (0), Web (1), PC (2) or System (99).", (int)flag), paramName, (int)flag);
            }
            return flag;
        }

        public static WKDeviceLevel DeviceLevel(WKDeviceLevel level, string paramName = "DeviceLevel")
        {
            if (level != WKDeviceLevel.Slave && level != WKDeviceLevel.Master)
            {
                throw new WKInvalidInputException("WKInvalidDeviceLevel",
                    string.Format(CultureInfo.InvariantCulture, "Unknown device level {0}: use Slave (0) or Master (1).", (int)level), paramName, (int)level);
            }
            return level;
        }

        private static bool IsDefined(WKDeviceFlag flag) =>
            flag == WKDeviceFlag.All || flag == WKDeviceFlag.App || flag == WKDeviceFlag.Web || flag == WKDeviceFlag.PC || flag == WKDeviceFlag.System;
    }
}
