using System;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Everything an ErrorRecord needs, computed without a PowerShell engine so it can be tested.</summary>
    internal sealed class WKErrorInfo
    {
        public WKErrorInfo(Exception exception, string errorId, ErrorCategory category, object? targetObject, string? details, string? recommendedAction)
        {
            Exception = exception;
            ErrorId = errorId;
            Category = category;
            TargetObject = targetObject;
            Details = details;
            RecommendedAction = recommendedAction;
        }

        public Exception Exception { get; }
        public string ErrorId { get; }
        public ErrorCategory Category { get; }
        public object? TargetObject { get; }
        /// <summary>The text for ErrorDetails: the server's msg when there is one, else the exception message.</summary>
        public string? Details { get; }
        public string? RecommendedAction { get; }
    }
}
