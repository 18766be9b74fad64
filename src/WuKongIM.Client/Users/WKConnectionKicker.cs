using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>Closes every connection of one exact uid (optionally only one device flag), listed through /connz.</summary>
    public static class WKConnectionKicker
    {
        public static async Task<int> KickAllAsync(WKClient client, string uid, WKDeviceFlag? deviceFlag, bool force, CancellationToken cancellationToken)
        {
            var targets = new List<WKConnection>();
            IAsyncEnumerator<WKConnection> e = client.Connections.ListConnectionsAsync(uid, exactUid: true, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await e.MoveNextAsync().ConfigureAwait(false))
                {
                    if (deviceFlag == null || e.Current.DeviceFlag == deviceFlag)
                    {
                        targets.Add(e.Current);
                    }
                }
            }
            finally
            {
                await e.DisposeAsync().ConfigureAwait(false);
            }
            // Listed first, closed after: closing while paging would shift the offsets.
            foreach (WKConnection c in targets)
            {
                if (force)
                {
                    await client.Connections.RemoveAsync(c.Uid, c.ConnId, c.NodeId, c.LeaderId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await client.Connections.KickAsync(c.Uid, c.ConnId, c.NodeId, c.LeaderId, cancellationToken).ConfigureAwait(false);
                }
            }
            return targets.Count;
        }
    }
}
