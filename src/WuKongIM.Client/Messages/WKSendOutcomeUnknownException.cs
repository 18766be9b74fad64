using System;

namespace WuKongIM.Client
{
    /// <summary>
    /// A send whose outcome is unknown: the request may have reached the server and been stored (a timeout, a connection
    /// broken after the request went out, or a 502/503/504 from a gateway), and nothing settled it. Unlike a refused
    /// connection, sending it again may store it twice: look it up by <see cref="ClientMsgNo"/> first
    /// (<see cref="MessagesApi.FindSentAsync"/>, or GET /message/byclientmsgno), and send again only if it is not there.
    /// <see cref="WKApiException.InnerException"/> is the transport failure.
    /// </summary>
    [Serializable]
    public class WKSendOutcomeUnknownException : WKApiException
    {
        public WKSendOutcomeUnknownException(WKApiException cause, string? clientMsgNo, string? channelId, WKChannelType? channelType)
            : base(BuildMessage(cause, clientMsgNo), cause)
        {
            ClientMsgNo = clientMsgNo;
            ChannelId = channelId;
            ChannelType = channelType;
            MayHaveBeenProcessed = true;
        }

        /// <summary>The send's client_msg_no, the key to look it up by (null for a batch send, whose numbers the server makes).</summary>
        public string? ClientMsgNo { get; }
        public string? ChannelId { get; }
        public WKChannelType? ChannelType { get; }

        private static string BuildMessage(WKApiException cause, string? clientMsgNo)
        {
            string prefix = cause.Method + " " + cause.Path + ": ";
            string why = cause.Message.StartsWith(prefix, StringComparison.Ordinal) ? cause.Message.Substring(prefix.Length) : cause.Message;
            return prefix + "the outcome of the send is unknown: it may have been stored (" + why + "). " +
                (string.IsNullOrEmpty(clientMsgNo)
                    ? "Check the recipients' history before sending again."
                    : "Look it up by client_msg_no " + clientMsgNo + " before sending again.");
        }
    }
}
