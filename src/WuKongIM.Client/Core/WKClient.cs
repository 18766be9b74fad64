using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>
    /// A client for the WuKongIM v2 REST API (v2.2.5). One instance per server; thread-safe; owns one HttpClient.
    /// Calls are grouped by area: <see cref="Server"/>, <see cref="Users"/>, <see cref="Connections"/>, <see cref="Channels"/>,
    /// <see cref="Messages"/>, <see cref="Conversations"/>, <see cref="Tags"/>, <see cref="Cluster"/>.
    /// </summary>
    public sealed class WKClient : IDisposable
    {
        // Clients of the other nodes of the cluster (by API address), made on first use and disposed with this one.
        private readonly ConcurrentDictionary<string, Lazy<WKClient>> _nodeClients = new ConcurrentDictionary<string, Lazy<WKClient>>(StringComparer.OrdinalIgnoreCase);

        public WKClient(WKClientOptions options, HttpMessageHandler? handler = null)
        {
            Transport = new WKTransport(options, handler);
            Cluster = new ClusterApi(this);
            Server = new ServerApi(this);
            Users = new UsersApi(this);
            Connections = new ConnectionsApi(this);
            Channels = new ChannelsApi(this);
            Messages = new MessagesApi(this);
            Conversations = new ConversationsApi(this);
            Tags = new TagsApi(this);
        }

        public WKTransport Transport { get; }
        public Uri BaseUri => Transport.BaseUri;

        public ServerApi Server { get; }
        public UsersApi Users { get; }
        public ConnectionsApi Connections { get; }
        public ChannelsApi Channels { get; }
        public MessagesApi Messages { get; }
        public ConversationsApi Conversations { get; }
        public TagsApi Tags { get; }
        public ClusterApi Cluster { get; }

        /// <summary>
        /// A client for another node of the same cluster, with this client's settings and manager token (never its manager
        /// login, which only topology actions need). Reused for the same address; disposed with this client.
        /// </summary>
        public WKClient ForAddress(Uri baseUri)
        {
            string key = baseUri.AbsoluteUri.TrimEnd('/');
            if (string.Equals(key, BaseUri.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return this;
            }
            return _nodeClients.GetOrAdd(key, _ => new Lazy<WKClient>(() => new WKClient(Transport.CopyOptionsFor(baseUri)))).Value;
        }

        /// <summary>Sends a request and applies the response rules; returns the body of a successful answer.</summary>
        public async Task<byte[]> SendAsync(WKRequest request, CancellationToken cancellationToken)
        {
            WKResponse response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return WKResponseRules.EnsureSuccess(request.Method, request.PathAndQuery, response);
        }

        internal async Task<T> GetAsync<T>(WKRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        {
            byte[] body = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Deserialize(request, body, responseType);
        }

        internal Task<byte[]> PostAsync<TBody>(string path, TBody body, JsonTypeInfo<TBody> bodyType, bool idempotent, CancellationToken cancellationToken)
        {
            var request = new WKRequest("POST", path)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(body, bodyType),
                Idempotent = idempotent,
            };
            return SendAsync(request, cancellationToken);
        }

        internal async Task<TResult> PostAsync<TBody, TResult>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResult> resultType, bool idempotent, CancellationToken cancellationToken)
        {
            var request = new WKRequest("POST", path)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(body, bodyType),
                Idempotent = idempotent,
            };
            byte[] response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Deserialize(request, response, resultType);
        }

        internal static T Deserialize<T>(WKRequest request, byte[] body, JsonTypeInfo<T> type)
        {
            try
            {
                T? value = JsonSerializer.Deserialize(body, type);
                if (value is null)
                {
                    throw new WKApiException(WKErrorKind.InvalidResponse, request.Method, request.PathAndQuery, 200, null, null, "the body was null");
                }
                return value;
            }
            catch (JsonException ex)
            {
                throw new WKApiException(WKErrorKind.InvalidResponse, request.Method, request.PathAndQuery, 200, null, null, ex.Message, ex);
            }
        }

        public void Dispose()
        {
            Transport.Dispose();
            foreach (Lazy<WKClient> node in _nodeClients.Values)
            {
                if (node.IsValueCreated)
                {
                    node.Value.Dispose();
                }
            }
            _nodeClients.Clear();
        }

        /// <summary>The server address, so a session shown as text (Export-Csv) reads as its server.</summary>
        public override string ToString() => BaseUri.AbsoluteUri;
    }
}
