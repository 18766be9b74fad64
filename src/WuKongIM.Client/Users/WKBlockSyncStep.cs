using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>What Sync-WKUserBlock will do with one recorded block.</summary>
    public sealed class WKBlockSyncStep
    {
        public WKBlockRecord Record { get; set; } = new WKBlockRecord();
        public WKBlockSyncAction Action { get; set; }
        public bool BannedOnServer { get; set; }
    }
}
