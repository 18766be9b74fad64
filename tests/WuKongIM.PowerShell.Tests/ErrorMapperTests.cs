using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WuKongIM.Client;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>WKErrorMapper: one ErrorId per cause, the documented category, the input and the server's message kept.</summary>
    public sealed class ErrorMapperTests
    {
        /// <summary>The documented mapping (docs/about_WuKongIM_Errors.md). A new WKErrorKind fails the first test until it is added here and there.</summary>
        private static readonly Dictionary<WKErrorKind, (string Id, ErrorCategory Category)> Expected = new Dictionary<WKErrorKind, (string, ErrorCategory)>
        {
            [WKErrorKind.BadRequest] = ("WKBadRequest", ErrorCategory.InvalidArgument),
            [WKErrorKind.Unauthorized] = ("WKUnauthorized", ErrorCategory.AuthenticationError),
            [WKErrorKind.PermissionDenied] = ("WKPermissionDenied", ErrorCategory.PermissionDenied),
            [WKErrorKind.NotFound] = ("WKNotFound", ErrorCategory.ObjectNotFound),
            [WKErrorKind.NotSupported] = ("WKNotSupported", ErrorCategory.NotImplemented),
            [WKErrorKind.Rejected] = ("WKRejected", ErrorCategory.InvalidResult),
            [WKErrorKind.Throttled] = ("WKThrottled", ErrorCategory.LimitsExceeded),
            [WKErrorKind.Unavailable] = ("WKUnavailable", ErrorCategory.ResourceUnavailable),
            [WKErrorKind.ServerError] = ("WKServerError", ErrorCategory.InvalidResult),
            [WKErrorKind.InvalidResponse] = ("WKInvalidResponse", ErrorCategory.InvalidData),
            [WKErrorKind.ConnectionFailed] = ("WKConnectionFailed", ErrorCategory.ConnectionError),
            [WKErrorKind.Timeout] = ("WKTimeout", ErrorCategory.OperationTimeout),
        };

        private static WKApiException Api(WKErrorKind kind, int? serverStatus = null, string? serverMessage = "频道不存在") =>
            new WKApiException(kind, "POST", "/channel/info", kind == WKErrorKind.Unauthorized ? 401 : 400, serverStatus, serverMessage);

        /// <summary>Every ErrorId the mapper can produce, for the documentation check.</summary>
        internal static IEnumerable<string> AllErrorIds()
        {
            var exceptions = new List<Exception>();
            exceptions.AddRange(Enum.GetValues<WKErrorKind>().Select(k => Api(k, k == WKErrorKind.Rejected ? 7 : null)));
            exceptions.Add(Api(WKErrorKind.Rejected, 19));
            exceptions.Add(Api(WKErrorKind.Rejected, 24));
            exceptions.Add(Api((WKErrorKind)999));
            exceptions.Add(new WKNotConnectedException());
            exceptions.Add(new WKValidationException("bad uid", "Uid"));
            exceptions.Add(new ArgumentException("bad"));
            exceptions.Add(new System.IO.IOException("disk"));
            exceptions.Add(new UnauthorizedAccessException("denied"));
            exceptions.Add(new InvalidOperationException("other"));
            // The cluster area: one id per topology refusal, the manager login, and nodes a fan-out could not ask.
            exceptions.AddRange(Enum.GetValues<WKClusterRefusal>().Select(r => new WKClusterRefusedException(r, Api(WKErrorKind.BadRequest))));
            exceptions.Add(new WKManagerLoginException("admin", Api(WKErrorKind.BadRequest)));
            exceptions.Add(new WKManagerLoginRequiredException("A slot election"));
            exceptions.Add(new WKNodeUnavailableException(1002, null, WKNodeUnavailableReason.Offline));
            exceptions.Add(new WKNodeUnavailableException(1002, null, WKNodeUnavailableReason.Unreachable));
            return exceptions.Select(e => WKErrorMapper.Map(e, null).ErrorId).Distinct();
        }

        [Fact]
        public void Cluster_refusals_and_node_failures_get_their_own_error_ids()
        {
            var ids = Enum.GetValues<WKClusterRefusal>().ToDictionary(r => r, r => WKErrorMapper.Map(new WKClusterRefusedException(r, Api(WKErrorKind.BadRequest)), null).ErrorId);
            Assert.Equal(ids.Count, ids.Values.Distinct().Count());
            Assert.Equal("WKPermissionDenied", ids[WKClusterRefusal.PermissionDenied]);
            Assert.Equal("WKNotInReplicas", ids[WKClusterRefusal.NotInReplicas]);
            WKErrorInfo offline = WKErrorMapper.Map(new WKNodeUnavailableException(1002, "http://127.0.0.1:5002", WKNodeUnavailableReason.Offline), "node");
            Assert.Equal("WKNodeOffline", offline.ErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, offline.Category);
            Assert.Equal("node", offline.TargetObject);
            Assert.Equal("WKManagerLoginRequired", WKErrorMapper.Map(new WKManagerLoginRequiredException("A slot election"), null).ErrorId);
        }

        [Fact]
        public void A_refusal_is_classified_from_the_servers_message()
        {
            Assert.Equal(WKClusterRefusal.PermissionDenied, WKClusterRefusedException.Classify(new WKApiException(WKErrorKind.PermissionDenied, "POST", "/x", 400, 403, "\u6ca1\u6709\u6743\u9650")));
            Assert.Equal(WKClusterRefusal.NotInReplicas, WKClusterRefusedException.Classify(new WKApiException(WKErrorKind.BadRequest, "POST", "/x", 400, 400, "MigrateFrom not in replicas")));
            Assert.Equal(WKClusterRefusal.FollowerTransition, WKClusterRefusedException.Classify(new WKApiException(WKErrorKind.BadRequest, "POST", "/x", 400, 400, "transition between followers is not supported")));
            Assert.Equal(WKClusterRefusal.MigrationInProgress, WKClusterRefusedException.Classify(new WKApiException(WKErrorKind.BadRequest, "POST", "/x", 400, 400, "migrate is in progress")));
            Assert.Equal(WKClusterRefusal.ChannelNotActivated, WKClusterRefusedException.Classify(new WKApiException(WKErrorKind.BadRequest, "POST", "/x", 400, 400, "not found")));
            Assert.Null(WKClusterRefusedException.Classify(new WKApiException(WKErrorKind.ServerError, "POST", "/x", 500, null, null)));
        }

        [Fact]
        public void Every_error_kind_has_a_documented_expectation()
        {
            Assert.Equal(Enum.GetValues<WKErrorKind>().OrderBy(k => k), Expected.Keys.OrderBy(k => k));
        }

        [Fact]
        public void Every_error_kind_maps_to_its_own_ErrorId_and_category()
        {
            var problems = new List<string>();
            foreach (WKErrorKind kind in Enum.GetValues<WKErrorKind>())
            {
                WKErrorInfo info = WKErrorMapper.Map(Api(kind, kind == WKErrorKind.Rejected ? 7 : null), null);
                (string id, ErrorCategory category) = Expected[kind];
                if (info.ErrorId != id || info.Category != category)
                {
                    problems.Add(kind + " -> " + info.ErrorId + "/" + info.Category + ", expected " + id + "/" + category);
                }
            }
            Violations.None(problems, "Error mapping");
            Assert.Equal(Expected.Count, Expected.Values.Select(v => v.Id).Distinct().Count());
        }

        [Theory]
        [InlineData(19, "WKBanned", ErrorCategory.PermissionDenied)]
        [InlineData(24, "WKDisbanded", ErrorCategory.InvalidOperation)]
        [InlineData(25, "WKRejected", ErrorCategory.InvalidResult)]
        public void Reason_codes_have_their_own_ids(int status, string id, ErrorCategory category)
        {
            WKErrorInfo info = WKErrorMapper.Map(Api(WKErrorKind.Rejected, status, null), "alice");
            Assert.Equal(id, info.ErrorId);
            Assert.Equal(category, info.Category);
        }

        [Fact]
        public void The_target_object_and_the_server_message_are_kept()
        {
            var target = new[] { "alice", "bob" };
            foreach (WKErrorKind kind in Enum.GetValues<WKErrorKind>())
            {
                WKApiException exception = Api(kind, kind == WKErrorKind.Rejected ? 7 : null, "服务器消息 42");
                WKErrorInfo info = WKErrorMapper.Map(exception, target);
                Assert.Same(target, info.TargetObject);
                Assert.Same(exception, info.Exception);
                Assert.Contains("服务器消息 42", info.Details, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void A_bad_request_shows_the_server_message_with_its_english_explanation()
        {
            WKErrorInfo info = WKErrorMapper.Map(Api(WKErrorKind.BadRequest, 400, "uid不能为空！"), "");
            Assert.Equal("uid不能为空！ (the uid is empty)", info.Details);
            Assert.NotNull(info.RecommendedAction);
            // A text the table does not know passes through as the server sent it.
            Assert.Equal("某个新错误", WKErrorMapper.Map(Api(WKErrorKind.BadRequest, 400, "某个新错误"), "").Details);
        }

        [Fact]
        public void Errors_that_are_not_server_answers_have_their_own_ids()
        {
            Assert.Equal(("WKNotConnected", ErrorCategory.InvalidOperation), Pair(new WKNotConnectedException()));
            Assert.Equal(("WKInvalidArgument", ErrorCategory.InvalidArgument), Pair(new WKValidationException("empty uid", "Uid")));
            Assert.Equal(("WKUnexpectedError", ErrorCategory.NotSpecified), Pair(new InvalidOperationException("boom")));
            Assert.Equal(("WKApiError", ErrorCategory.NotSpecified), Pair(Api((WKErrorKind)999)));
            Assert.Contains("Connect-WKServer", WKErrorMapper.Map(new WKNotConnectedException(), null).RecommendedAction, StringComparison.Ordinal);

            static (string, ErrorCategory) Pair(Exception e)
            {
                WKErrorInfo info = WKErrorMapper.Map(e, "x");
                Assert.Equal("x", info.TargetObject);
                return (info.ErrorId, info.Category);
            }
        }
    }
}
