using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Turns values from the pipeline into plain .NET values the client (which knows no PowerShell types) can serialise:
    /// PSCustomObjects (ConvertFrom-Json) become ordered dictionaries, and wrapped values (Get-Content -Raw) lose their PSObject.
    /// A value that contains itself (<c>$h.self = $h</c>) or nests deeper than the JSON writer allows is refused with
    /// WKBodyCycle or WKBodyTooDeep: walking it used to overflow the stack and kill the host.
    /// </summary>
    internal static class WKPowerShellValue
    {
        public static object? Unwrap(object? value) => Unwrap(value, 0, new HashSet<object>(ReferenceComparer.Instance));

        private static object? Unwrap(object? value, int depth, HashSet<object> path)
        {
            if (depth > WKJsonValue.MaxDepth)
            {
                throw new WKInvalidInputException("WKBodyTooDeep",
                    "The body or payload is nested more than " + WKJsonValue.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep.", "Body");
            }
            object? inner = value is PSObject wrapped ? wrapped.BaseObject : value;
            bool container = inner is PSCustomObject || inner is IDictionary || inner is object[];
            if (!container)
            {
                return value is PSObject p ? p.BaseObject : value;
            }
            // The object itself (a PSCustomObject's PSObject, a hashtable, an array) marks the path being walked.
            object marker = inner is PSCustomObject ? value! : inner!;
            if (!path.Add(marker))
            {
                throw new WKInvalidInputException("WKBodyCycle", "The body or payload contains itself (a property or item refers back to an object that holds it), so it has no JSON form.", "Body");
            }
            try
            {
                if (inner is PSCustomObject)
                {
                    var map = new OrderedDictionary();
                    foreach (PSPropertyInfo property in ((PSObject)value!).Properties)
                    {
                        map[property.Name] = Unwrap(property.Value, depth + 1, path);
                    }
                    return map;
                }
                if (inner is IDictionary dictionary)
                {
                    var map = new OrderedDictionary();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        map[entry.Key] = Unwrap(entry.Value, depth + 1, path);
                    }
                    return map;
                }
                var items = (object[])inner!;
                var copy = new object?[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    copy[i] = Unwrap(items[i], depth + 1, path);
                }
                return copy;
            }
            finally
            {
                path.Remove(marker);
            }
        }

        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
