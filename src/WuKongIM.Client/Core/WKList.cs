using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace WuKongIM.Client
{
    /// <summary>
    /// A list in an output object. It behaves like the array it replaces (index, Count, enumeration, JSON), and its
    /// ToString lists the items (<c>alice, bob</c>), so Export-Csv and string conversion show the values, not a type name.
    /// </summary>
    public sealed class WKList<T> : Collection<T>
    {
        public WKList()
        {
        }

        public WKList(IEnumerable<T> items) : base(items.ToList())
        {
        }

        public static implicit operator WKList<T>(T[] items) => new WKList<T>(items ?? new T[0]);

        public T[] ToArray() => this.ToList().ToArray();

        public override string ToString() => string.Join(", ", this.Select(item => item?.ToString() ?? string.Empty));
    }
}
