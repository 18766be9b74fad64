using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Bench
{
    /// <summary>
    /// The raw limit of an endpoint: a minimal HTTP/1.1 load generator that sends one pre-built request over and over on
    /// keep-alive sockets (each socket sends its next request when the previous answer is read, as wrk does), with no
    /// client library, no per-request allocation and no parsing beyond the status line and Content-Length.
    /// </summary>
    public static class RawLoad
    {
        public static byte[] BuildRequest(Uri baseUri, string method, string path, byte[]? body)
        {
            var head = new StringBuilder();
            head.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n");
            head.Append("Host: ").Append(baseUri.Authority).Append("\r\n");
            if (body != null)
            {
                head.Append("Content-Type: application/json\r\n");
                head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
            }
            head.Append("\r\n");
            byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
            return body == null ? headBytes : headBytes.Concat(body).ToArray();
        }

        /// <summary>Sends <paramref name="total"/> requests over <paramref name="connections"/> sockets; returns the elapsed time.</summary>
        public static async Task<TimeSpan> RunAsync(Uri baseUri, byte[] request, int connections, int total, CancellationToken cancellationToken)
        {
            var sockets = new Socket[connections];
            for (int i = 0; i < connections; i++)
            {
                sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await sockets[i].ConnectAsync(baseUri.Host, baseUri.Port, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                int next = 0;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(sockets.Select(s => Task.Run(() => LoopAsync(s)))).ConfigureAwait(false);
                watch.Stop();
                return watch.Elapsed;

                async Task LoopAsync(Socket socket)
                {
                    byte[] buffer = new byte[64 * 1024];
                    while (Interlocked.Increment(ref next) <= total)
                    {
                        await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                        int have = 0, headerEnd;
                        while ((headerEnd = IndexOfHeaderEnd(buffer, have)) < 0)
                        {
                            have += await ReadAsync(socket, buffer, have, cancellationToken).ConfigureAwait(false);
                        }
                        (int status, int length) = ParseHead(buffer, headerEnd);
                        if (status != 200)
                        {
                            throw new InvalidOperationException("the raw generator got HTTP " + status);
                        }
                        int size = headerEnd + 4 + length;
                        if (size > buffer.Length)
                        {
                            Array.Resize(ref buffer, size);
                        }
                        while (have < size)
                        {
                            have += await ReadAsync(socket, buffer, have, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            finally
            {
                foreach (Socket s in sockets)
                {
                    s.Dispose();
                }
            }
        }

        private static async Task<int> ReadAsync(Socket socket, byte[] buffer, int offset, CancellationToken cancellationToken)
        {
            int n = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, offset, buffer.Length - offset), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                throw new InvalidOperationException("the server closed a keep-alive connection");
            }
            return n;
        }

        private static int IndexOfHeaderEnd(byte[] buffer, int count)
        {
            for (int i = 3; i < count; i++)
            {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r')
                {
                    return i - 3;
                }
            }
            return -1;
        }

        private static (int Status, int Length) ParseHead(byte[] buffer, int headerEnd)
        {
            string head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
            int status = int.Parse(head.Substring(9, 3), System.Globalization.CultureInfo.InvariantCulture);
            const string name = "\r\ncontent-length:";
            int at = head.IndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                throw new InvalidOperationException("the raw generator expects a Content-Length: " + head);
            }
            int end = head.IndexOf('\r', at + name.Length);
            int length = int.Parse(head.Substring(at + name.Length, (end < 0 ? head.Length : end) - at - name.Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return (status, length);
        }
    }
}
