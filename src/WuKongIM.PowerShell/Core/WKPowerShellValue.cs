using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// Turns values from the pipeline into plain .NET values the client (which knows no PowerShell types) can serialise:
    /// PSCustomObjects (ConvertFrom-Json) become ordered dictionaries, and wrapped values (Get-Content -Raw) lose their PSObject.
    /// </summary>
    internal static class WKPowerShellValue
    {
        public static object? Unwrap(object? value)
        {
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject)
                {
                    var map = new OrderedDictionary();
                    foreach (PSPropertyInfo property in ps.Properties)
                    {
                        map[property.Name] = Unwrap(property.Value);
                    }
                    return map;
                }
                return Unwrap(ps.BaseObject);
            }
            if (value is IDictionary dictionary)
            {
                var map = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary)
                {
                    map[entry.Key] = Unwrap(entry.Value);
                }
                return map;
            }
            if (value is object[] items)
            {
                var copy = new object?[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    copy[i] = Unwrap(items[i]);
                }
                return copy;
            }
            return value;
        }
    }
}
