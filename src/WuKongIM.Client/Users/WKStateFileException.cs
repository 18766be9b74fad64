using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;

namespace WuKongIM.Client
{
    /// <summary>The state file exists but cannot be read; it is never overwritten in that case.</summary>
    [Serializable]
    public sealed class WKStateFileException : IOException
    {
        public WKStateFileException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
