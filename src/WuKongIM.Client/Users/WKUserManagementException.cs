using System;
using System.Collections.Generic;

namespace WuKongIM.Client
{
    /// <summary>A composite operation cannot go on for this uid (for example the device has no record).</summary>
    [Serializable]
    public sealed class WKUserManagementException : InvalidOperationException
    {
        public WKUserManagementException(string errorId, string message) : base(message) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
