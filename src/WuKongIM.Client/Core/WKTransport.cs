using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WuKongIM.Client
{
    /// <summary>One HTTP request to the WuKongIM API, rebuilt for every attempt.</summary>
    public sealed class WKRequest
    {
        public WKRequest(string method, string path)
        {
            Method = method.ToUpperInvariant();
            // A query written into the path joins the query list, so added parameters never produce a second '?'.
            int question = path.IndexOf('?');
            if (question >= 0)
            {
                foreach (string pair in path.Substring(question + 1).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    int eq = pair.IndexOf('=');
                    string name = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq)).Replace('+', ' '));
                    string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                    Query.Add(new KeyValuePair<string, string>(name, value));
                }
                path = path.Substring(0, question);
            }
            Path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
        }

        public string Method { get; }
        public string Path { get; }
        public IList<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        public byte[]? Body { get; set; }

        /// <summary>
        /// True when sending the request twice has the same effect as sending it once. Only idempotent requests are
        /// retried after an ambiguous failure (timeout, connection broken after sending, 502/503/504).
        /// </summary>
        public bool Idempotent { get; set; } = true;

        /// <summary>False to send the request without the manager token (used to find out whether the server requires one).</summary>
        public bool SendManagerToken { get; set; } = true;

        /// <summary>
        /// True to send the manager login's JWT as <c>Authorization: Bearer</c> (logging in first when needed). Only the
        /// cluster topology actions set it: elsewhere on port 5001 the JWT counts for nothing (§1.3).
        /// </summary>
        public bool SendManagerJwt { get; set; }

        /// <summary>Log in again before sending, even if the JWT held looks valid (after a refusal that a stale JWT explains).</summary>
        internal bool RenewManagerJwt { get; set; }

        public WKRequest AddQuery(string name, string? value)
        {
            if (value != null)
            {
                Query.Add(new KeyValuePair<string, string>(name, value));
            }
            return this;
        }

        public WKRequest AddQuery(string name, long? value) => value.HasValue ? AddQuery(name, value.Value.ToString(CultureInfo.InvariantCulture)) : this;

        /// <summary>Path and query as shown in logs and errors.</summary>
        public string PathAndQuery
        {
            get
            {
                if (Query.Count == 0)
                {
                    return Path;
                }
                var sb = new StringBuilder(Path);
                for (int i = 0; i < Query.Count; i++)
                {
                    sb.Append(i == 0 ? '?' : '&');
                    sb.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
                }
                return sb.ToString();
            }
        }
    }

    /// <summary>The raw answer to a request, before the response rules are applied.</summary>
    public sealed class WKResponse
    {
        public WKResponse(int statusCode, byte[] body, string? contentType)
        {
            StatusCode = statusCode;
            Body = body;
            ContentType = contentType;
        }

        public int StatusCode { get; }
        public byte[] Body { get; }
        public string? ContentType { get; }

        /// <summary>The server's Retry-After, when it sent one.</summary>
        public TimeSpan? RetryAfter { get; internal set; }
    }

    /// <summary>
    /// Sends requests over one pooled HttpClient: the <c>token</c> header, a timeout per attempt, cancellation, and retries
    /// with capped exponential backoff, jitter and Retry-After. Thread-safe.
    /// </summary>
    public sealed class WKTransport : IDisposable
    {
        private static readonly HashSet<int> RetryableStatus = new HashSet<int> { 429, 502, 503, 504 };
        private static readonly object JitterLock = new object();
        private static readonly Random Jitter = new Random();

        private readonly HttpClient _http;
        private readonly string _baseUrl;
        private readonly SecureString? _token;
        private readonly WKClientOptions _options;
        private readonly WKManagerAuthenticator? _managerAuth;
        // The API has a few dozen paths; the bound only guards against callers of Invoke-WKRestMethod inventing more.
        private const int MaxCachedUris = 256;
        private readonly ConcurrentDictionary<string, Uri> _uris = new ConcurrentDictionary<string, Uri>(StringComparer.Ordinal);

        public WKTransport(WKClientOptions options, HttpMessageHandler? handler = null)
        {
            options.Validate();
            _options = new WKClientOptions
            {
                BaseUri = options.BaseUri,
                Timeout = options.Timeout,
                MaximumRetryCount = options.MaximumRetryCount,
                RetryBaseDelay = options.RetryBaseDelay,
                RetryMaxDelay = options.RetryMaxDelay,
                MaxConnectionsPerServer = options.MaxConnectionsPerServer,
                Deadline = options.Deadline,
                MaxRetryAfter = options.MaxRetryAfter,
            };
            _token = options.ManagerToken?.Copy();
            _token?.MakeReadOnly();
            if (options.ManagerUserName != null && options.ManagerPassword != null)
            {
                _managerAuth = new WKManagerAuthenticator(options.ManagerUserName, options.ManagerPassword);
            }
            _baseUrl = options.BaseUri!.AbsoluteUri.TrimEnd('/');
            handler ??= WKHttpHandlers.Create(options);
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
        }

        public Uri BaseUri => _options.BaseUri!;
        public bool HasManagerToken => _token != null && _token.Length > 0;
        public TimeSpan Timeout => _options.Timeout;
        public int MaximumRetryCount => _options.MaximumRetryCount;
        public TimeSpan Deadline => _options.Deadline;
        public TimeSpan MaxRetryAfter => _options.MaxRetryAfter;

        /// <summary>True when the client was given a manager user (a JWT can be obtained for topology actions).</summary>
        public bool HasManagerLogin => _managerAuth != null;

        /// <summary>The current manager login (user, permissions, expiry), null before the first login. Never the JWT.</summary>
        public WKManagerLoginInfo? ManagerLogin => _managerAuth?.Current;

        internal WKManagerAuthenticator? ManagerAuthenticator => _managerAuth;

        /// <summary>The settings this transport was made with, for a client of another node of the same cluster.</summary>
        internal WKClientOptions CopyOptionsFor(Uri baseUri) => new WKClientOptions
        {
            BaseUri = baseUri,
            ManagerToken = _token,
            Timeout = _options.Timeout,
            MaximumRetryCount = _options.MaximumRetryCount,
            RetryBaseDelay = _options.RetryBaseDelay,
            RetryMaxDelay = _options.RetryMaxDelay,
            MaxConnectionsPerServer = _options.MaxConnectionsPerServer,
            Deadline = _options.Deadline,
            MaxRetryAfter = _options.MaxRetryAfter,
        };

        /// <summary><c>POST /manager/login</c> with the configured user, now; throws <see cref="WKManagerLoginException"/> when refused.</summary>
        public Task<WKManagerLoginInfo> LoginAsync(CancellationToken cancellationToken = default)
        {
            if (_managerAuth == null)
            {
                throw new WKManagerLoginRequiredException("A manager login");
            }
            return _managerAuth.LoginAsync(this, cancellationToken);
        }

        /// <summary>
        /// Sends the request, retrying where that is safe, within the call's deadline (<see cref="WKCallDeadline"/> or
        /// <see cref="WKClientOptions.Deadline"/>). Returns any HTTP answer that is not retried; throws on transport failure.
        /// </summary>
        public async Task<WKResponse> SendAsync(WKRequest request, CancellationToken cancellationToken)
        {
            TimeSpan deadline = WKCallDeadline.Current ?? _options.Deadline;
            var overall = Stopwatch.StartNew();
            int attempt = 0;
            while (true)
            {
                attempt++;
                cancellationToken.ThrowIfCancellationRequested();
                string? jwt = null;
                if (request.SendManagerJwt && _managerAuth != null)
                {
                    jwt = await _managerAuth.GetJwtAsync(this, request.RenewManagerJwt && attempt == 1, cancellationToken).ConfigureAwait(false);
                }
                var stopwatch = Stopwatch.StartNew();
                WKResponse? response = null;
                WKApiException? failure = null;
                TimeSpan? retryAfter = null;
                bool deadlineReached = false;
                // Only an attempt that could outlive the deadline pays for a second timer; HttpClient.Timeout bounds the rest.
                TimeSpan remaining = deadline - overall.Elapsed;
                CancellationTokenSource? deadlineCts = null;
                if (remaining < _options.Timeout)
                {
                    deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    deadlineCts.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
                }
                try
                {
                    // HttpClient.Timeout bounds each attempt; a cancellation that is not the caller's is therefore a timeout.
                    using (HttpRequestMessage message = BuildMessage(request, jwt))
                    using (HttpResponseMessage httpResponse = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, deadlineCts?.Token ?? cancellationToken).ConfigureAwait(false))
                    {
                        byte[] body = await httpResponse.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        retryAfter = ReadRetryAfter(httpResponse.Headers.RetryAfter);
                        response = new WKResponse((int)httpResponse.StatusCode, body, httpResponse.Content.Headers.ContentType?.MediaType) { RetryAfter = retryAfter };
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    deadlineReached = deadlineCts?.IsCancellationRequested == true;
                    string detail = deadlineReached
                        ? string.Format(CultureInfo.InvariantCulture, "the call's deadline of {0:0.#} s ran out in attempt {1}", deadline.TotalSeconds, attempt)
                        : string.Format(CultureInfo.InvariantCulture, "{0:0.#} s", _options.Timeout.TotalSeconds);
                    failure = new WKApiException(WKErrorKind.Timeout, request.Method, request.PathAndQuery, null, null, null, detail) { MayHaveBeenProcessed = true };
                }
                catch (HttpRequestException ex)
                {
                    bool connectFailure = IsConnectFailure(ex);
                    failure = new WKApiException(WKErrorKind.ConnectionFailed, request.Method, request.PathAndQuery, null, null, null, InnermostMessage(ex), ex)
                    {
                        MayHaveBeenProcessed = !connectFailure,
                    };
                }
                catch (IOException ex)
                {
                    failure = new WKApiException(WKErrorKind.ConnectionFailed, request.Method, request.PathAndQuery, null, null, null, InnermostMessage(ex), ex) { MayHaveBeenProcessed = true };
                }
                finally
                {
                    deadlineCts?.Dispose();
                }
                stopwatch.Stop();
                if (WKRequestLog.IsEnabled)
                {
                    WKRequestLog.Write(new WKRequestLogEntry(request.Method, request.PathAndQuery, response?.StatusCode, stopwatch.Elapsed,
                        response?.Body.LongLength ?? 0, attempt, failure?.Kind.ToString()));
                }

                bool canRetry = attempt <= _options.MaximumRetryCount && !deadlineReached;
                if (response != null)
                {
                    // 429 means the server did not act on the request, so even a send may be repeated.
                    if (canRetry && RetryableStatus.Contains(response.StatusCode) && (request.Idempotent || response.StatusCode == 429))
                    {
                        // Never earlier than the server asked: a Retry-After above the cap, or one that would end after the
                        // deadline, stops here and the caller is told when to retry (WKRetryLaterException).
                        if (retryAfter.HasValue && retryAfter.Value > _options.MaxRetryAfter)
                        {
                            return response;
                        }
                        TimeSpan delay = ComputeDelay(attempt, retryAfter);
                        if (overall.Elapsed + delay >= deadline)
                        {
                            return response;
                        }
                        await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    return response;
                }

                if (canRetry && (request.Idempotent || !failure!.MayHaveBeenProcessed))
                {
                    TimeSpan delay = ComputeDelay(attempt, null);
                    if (overall.Elapsed + delay < deadline)
                    {
                        await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                throw failure!;
            }
        }

        /// <summary>
        /// Backoff for attempt n: base * 2^(n-1), capped, with jitter in [50%, 100%]. A server's Retry-After wins when present
        /// and is never shortened (whether to wait that long at all is decided against <see cref="WKClientOptions.MaxRetryAfter"/>).
        /// </summary>
        public TimeSpan ComputeDelay(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue)
            {
                return retryAfter.Value;
            }
            double baseMs = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
            double capped = Math.Min(baseMs, _options.RetryMaxDelay.TotalMilliseconds);
            double factor;
            lock (JitterLock)
            {
                factor = 0.5 + (Jitter.NextDouble() * 0.5);
            }
            return TimeSpan.FromMilliseconds(capped * factor);
        }

        private static Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;

        internal static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header)
        {
            if (header == null)
            {
                return null;
            }
            if (header.Delta.HasValue)
            {
                return header.Delta.Value;
            }
            if (header.Date.HasValue)
            {
                TimeSpan wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        private HttpRequestMessage BuildMessage(WKRequest request, string? jwt)
        {
            var message = new HttpRequestMessage(MethodOf(request.Method), UriOf(request));
            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(request.Body);
                // A constant, valid value: no MediaTypeHeaderValue to build and validate per request.
                message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            }
            if (request.SendManagerToken && _token != null && _token.Length > 0)
            {
                message.Headers.TryAddWithoutValidation("token", Reveal(_token));
            }
            if (jwt != null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + jwt);
            }
            return message;
        }

        /// <summary>
        /// The absolute URI of a request. A path without a query (nearly every API call) is parsed once per client and
        /// reused: building and parsing the URI string was a measurable part of a small request's CPU.
        /// </summary>
        private Uri UriOf(WKRequest request)
        {
            if (request.Query.Count > 0)
            {
                return new Uri(_baseUrl + request.PathAndQuery);
            }
            if (_uris.TryGetValue(request.Path, out Uri? cached))
            {
                return cached;
            }
            var uri = new Uri(_baseUrl + request.Path);
            if (_uris.Count < MaxCachedUris)
            {
                _uris.TryAdd(request.Path, uri);
            }
            return uri;
        }

        private static HttpMethod MethodOf(string method) => method switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            _ => new HttpMethod(method),
        };

        // The token is decoded only into the header of the request being sent.
        internal static string Reveal(SecureString secure)
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(ptr) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                }
            }
        }

        /// <summary>True when the failure proves the request never reached the server (refused, unresolvable, unreachable).</summary>
        internal static bool IsConnectFailure(Exception ex)
        {
            for (Exception? e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
                if (e is WebException web && (web.Status == WebExceptionStatus.ConnectFailure || web.Status == WebExceptionStatus.NameResolutionFailure))
                {
                    return true;
                }
            }
            return false;
        }

        private static string InnermostMessage(Exception ex)
        {
            Exception e = ex;
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }
            return e.Message;
        }

        public void Dispose()
        {
            _http.Dispose();
            _managerAuth?.Dispose();
        }
    }
}
