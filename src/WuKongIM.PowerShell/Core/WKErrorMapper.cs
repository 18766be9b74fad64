using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Maps client exceptions to ErrorIds and categories: one ErrorId per cause, so scripts can branch on them.</summary>
    internal static class WKErrorMapper
    {
        public static WKErrorInfo Map(Exception exception, object? targetObject)
        {
            switch (exception)
            {
                case WKSendOutcomeUnknownException unknown:
                    // Not a refused connection: the message may be stored, and sending it again may store it twice.
                    return new WKErrorInfo(exception, "WKSendOutcomeUnknown", ErrorCategory.OperationTimeout, targetObject, exception.Message,
                        string.IsNullOrEmpty(unknown.ClientMsgNo)
                            ? "Check the recipients' history before sending again."
                            : "Before sending again, look it up: Get-WKMessage -ChannelId <id> -ChannelType <type> -ClientMsgNo " + unknown.ClientMsgNo + " (for a person channel, the stored id from both uids); send again only if it is not found.");
                case WKClusterRefusedException refused:
                    return MapRefusal(refused, targetObject);
                case WKManagerLoginException login:
                    return new WKErrorInfo(login, "WKManagerLoginFailed", ErrorCategory.AuthenticationError, targetObject, login.ServerMessage ?? login.Message,
                        "Check the user name and password of -Credential against the server's auth.users.");
                case WKManagerLoginRequiredException:
                    return new WKErrorInfo(exception, "WKManagerLoginRequired", ErrorCategory.AuthenticationError, targetObject, exception.Message,
                        "Run Connect-WKServer -Credential with a manager user that has the 'w' permission.");
                case WKNodeUnavailableException node:
                    return node.Reason == WKNodeUnavailableReason.Offline
                        ? new WKErrorInfo(node, "WKNodeOffline", ErrorCategory.ResourceUnavailable, targetObject, node.Message, "Bring the node back, or read the other nodes' share only.")
                        : new WKErrorInfo(node, "WKNodeUnreachable", ErrorCategory.ConnectionError, targetObject, node.Message, "Check the node's API address (ApiServerAddr of Get-WKNode) and that it is running.");
                case WKApiException api:
                    return MapApi(api, targetObject);
                case WKNotConnectedException:
                    return new WKErrorInfo(exception, "WKNotConnected", ErrorCategory.InvalidOperation, targetObject, exception.Message,
                        "Run Connect-WKServer, pass -Session, or set WUKONGIM_URL.");
                case WKInvalidInputException invalid:
                    // A specific ErrorId per refused input (WKUidEmpty, WKUidSpecialCharacter, WKInvalidDeviceFlag, ...).
                    return new WKErrorInfo(exception, invalid.ErrorId, ErrorCategory.InvalidArgument, targetObject, exception.Message, null);
                case WKUserManagementException management:
                    return new WKErrorInfo(exception, management.ErrorId, ErrorCategory.ObjectNotFound, targetObject, exception.Message, null);
                case WKStateFileException:
                    return new WKErrorInfo(exception, "WKStateFileError", ErrorCategory.ReadError, targetObject, exception.Message,
                        "Fix or move the state file, or point WUKONGIM_STATE_PATH at another file.");
                case WKValidationException:
                    return new WKErrorInfo(exception, "WKInvalidArgument", ErrorCategory.InvalidArgument, targetObject, exception.Message, null);
                case ArgumentException:
                    return new WKErrorInfo(exception, "WKInvalidArgument", ErrorCategory.InvalidArgument, targetObject, exception.Message, null);
                case System.IO.IOException:
                    return new WKErrorInfo(exception, "WKFileError", ErrorCategory.WriteError, targetObject, exception.Message, null);
                case UnauthorizedAccessException:
                    return new WKErrorInfo(exception, "WKFileAccessDenied", ErrorCategory.PermissionDenied, targetObject, exception.Message, null);
                default:
                    return new WKErrorInfo(exception, "WKUnexpectedError", ErrorCategory.NotSpecified, targetObject, exception.Message, null);
            }
        }

        /// <summary>One ErrorId per reason a topology action was refused, so runbooks can tell them apart.</summary>
        private static WKErrorInfo MapRefusal(WKClusterRefusedException refused, object? target)
        {
            string details = refused.ServerMessage ?? refused.Message;
            switch (refused.Reason)
            {
                case WKClusterRefusal.PermissionDenied:
                    return new WKErrorInfo(refused, "WKPermissionDenied", ErrorCategory.PermissionDenied, target, details,
                        "Connect with -Credential of a manager user that has the 'w' permission on this action.");
                case WKClusterRefusal.NotInReplicas:
                    return new WKErrorInfo(refused, "WKNotInReplicas", ErrorCategory.InvalidArgument, target, details, "Move from a node that holds a replica (Replicas of Get-WKSlot or Get-WKChannelClusterConfig).");
                case WKClusterRefusal.FollowerTransition:
                    return new WKErrorInfo(refused, "WKFollowerTransitionNotSupported", ErrorCategory.InvalidOperation, target, details, "Move the replica from the leader, or to a node without a replica.");
                case WKClusterRefusal.MigrationInProgress:
                    return new WKErrorInfo(refused, "WKMigrationInProgress", ErrorCategory.ResourceBusy, target, details, "Wait until the running move ends.");
                case WKClusterRefusal.SlotNotFound:
                    return new WKErrorInfo(refused, "WKSlotNotFound", ErrorCategory.ObjectNotFound, target, details, null);
                case WKClusterRefusal.LeaderNotFound:
                    return new WKErrorInfo(refused, "WKLeaderNotFound", ErrorCategory.ResourceUnavailable, target, details, null);
                case WKClusterRefusal.ChannelNotActivated:
                    return new WKErrorInfo(refused, "WKChannelNotActivated", ErrorCategory.ObjectNotFound, target, details, "The channel has no raft group until it has a message.");
                default:
                    return new WKErrorInfo(refused, "WKClusterRefused", ErrorCategory.InvalidOperation, target, details, null);
            }
        }

        private static WKErrorInfo MapApi(WKApiException api, object? target)
        {
            // The server's own msg stays in the details; the table adds its English explanation (unknown texts pass through).
            string details = api.ServerMessage == null ? api.Message : WKServerMessages.Describe(api.ServerMessage);
            switch (api.Kind)
            {
                case WKErrorKind.BadRequest:
                    return new WKErrorInfo(api, "WKBadRequest", ErrorCategory.InvalidArgument, target, details, "Check the values sent; the server's message says which one it refused.");
                case WKErrorKind.Unauthorized:
                    return new WKErrorInfo(api, "WKUnauthorized", ErrorCategory.AuthenticationError, target, api.Message,
                        "Connect with -ManagerToken set to the server's managerToken (or set WUKONGIM_MANAGER_TOKEN).");
                case WKErrorKind.PermissionDenied:
                    return new WKErrorInfo(api, "WKPermissionDenied", ErrorCategory.PermissionDenied, target, details, null);
                case WKErrorKind.NotFound:
                    return new WKErrorInfo(api, "WKNotFound", ErrorCategory.ObjectNotFound, target, api.Message, null);
                case WKErrorKind.NotSupported:
                    return new WKErrorInfo(api, "WKNotSupported", ErrorCategory.NotImplemented, target, api.Message,
                        "This call needs WuKongIM v2.2.5 or a server that still has this route.");
                case WKErrorKind.Rejected when api.ServerStatus == 19:
                    return new WKErrorInfo(api, "WKBanned", ErrorCategory.PermissionDenied, target, api.Message, "Lift the ban first (Unblock-WKUser or Set-WKChannel).");
                case WKErrorKind.Rejected when api.ServerStatus == 24:
                    return new WKErrorInfo(api, "WKDisbanded", ErrorCategory.InvalidOperation, target, api.Message, null);
                case WKErrorKind.Rejected:
                    return new WKErrorInfo(api, "WKRejected", ErrorCategory.InvalidResult, target, api.Message, null);
                case WKErrorKind.Throttled:
                    return new WKErrorInfo(api, "WKThrottled", ErrorCategory.LimitsExceeded, target, details, "Slow down: lower -ThrottleLimit or -BatchSize.");
                case WKErrorKind.Unavailable:
                    return new WKErrorInfo(api, "WKUnavailable", ErrorCategory.ResourceUnavailable, target, details, "Retry later; raise -MaximumRetryCount on Connect-WKServer.");
                case WKErrorKind.ServerError:
                    return new WKErrorInfo(api, "WKServerError", ErrorCategory.InvalidResult, target, details, null);
                case WKErrorKind.InvalidResponse:
                    return new WKErrorInfo(api, "WKInvalidResponse", ErrorCategory.InvalidData, target, api.Message, null);
                case WKErrorKind.ConnectionFailed:
                    return new WKErrorInfo(api, "WKConnectionFailed", ErrorCategory.ConnectionError, target, api.Message, "Check the server address and that the server is running.");
                case WKErrorKind.Timeout:
                    return new WKErrorInfo(api, "WKTimeout", ErrorCategory.OperationTimeout, target, api.Message, "Raise -TimeoutSec on Connect-WKServer.");
                default:
                    return new WKErrorInfo(api, "WKApiError", ErrorCategory.NotSpecified, target, details, null);
            }
        }
    }
}
