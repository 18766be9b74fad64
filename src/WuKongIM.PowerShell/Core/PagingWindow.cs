using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Applies -Skip and -First to rows that arrive page by page.</summary>
    internal sealed class PagingWindow
    {
        private readonly ulong _skip;
        private readonly ulong _first;
        private ulong _seen;
        private ulong _written;

        public PagingWindow(ulong skip, ulong first)
        {
            _skip = skip;
            _first = first;
        }

        /// <summary>True once -First rows were written: stop asking the server for more.</summary>
        public bool Done => _written >= _first;

        /// <summary>True when this row is inside the window (and counts it).</summary>
        public bool Take()
        {
            _seen++;
            if (_seen <= _skip || Done)
            {
                return false;
            }
            _written++;
            return true;
        }
    }
}
