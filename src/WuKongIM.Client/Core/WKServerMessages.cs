using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace WuKongIM.Client
{
    /// <summary>
    /// English explanations of the server's error <c>msg</c> texts (wukongim-api.md lists them; most are Chinese). The
    /// server's own text is always kept; the explanation is added beside it. A text not in this table has no explanation
    /// and is shown as the server sent it.
    /// </summary>
    public static class WKServerMessages
    {
        // One row per msg text in the contract. Texts that vary (a Go error appended, a number inside) are the patterns below.
        private static readonly Dictionary<string, string> Exact = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Decoding and generic input
            ["数据格式有误！"] = "the request body is malformed",
            ["invalid request"] = "the request body is malformed",
            ["json: cannot unmarshal object into Go value of type []string"] = "the body must be a JSON array of strings, not an object",
            ["limit不能为负数！"] = "the limit cannot be negative",
            ["没有权限"] = "permission refused",

            // Users and tokens
            ["uid不能为空！"] = "the uid is empty",
            ["uid cannot be empty"] = "the uid is empty",
            ["Uid cannot be empty"] = "the uid is empty",
            ["UID cannot be empty"] = "the uid is empty",
            ["用户uid不能为空！"] = "the user's uid is empty",
            ["用户UID不能为空！"] = "the user's uid is empty",
            ["uids不能为空！"] = "the uid list is empty",
            ["uid不能包含特殊字符！"] = "the uid contains a special character (@, # or &)",
            ["token不能为空！"] = "the token is empty",
            ["系统账号不允许更新token！"] = "the system account's token cannot be changed",
            ["login_uid不能为空"] = "the login uid is empty",
            ["login_uid不能为空！"] = "the login uid is empty",
            ["from_uid不能为空！"] = "the sender uid (from_uid) is empty",
            ["用户名不能为空"] = "the user name is empty",
            ["密码不能为空"] = "the password is empty",
            ["用户名或密码错误"] = "wrong user name or password",

            // System accounts
            ["添加系统账号失败！"] = "adding the system accounts failed",
            ["添加系统账号到缓存失败！"] = "adding the system accounts to the cache failed",
            ["移除系统账号失败！"] = "removing the system accounts failed",
            ["移除系统账号从缓存失败！"] = "removing the system accounts from the cache failed",
            ["获取系统账号失败！"] = "reading the system accounts failed",

            // Connections
            ["conn_id is 0"] = "the connection id is 0",

            // Channels and their lists
            ["频道ID不能为空！"] = "the channel id is empty",
            ["channel_id不能为空！"] = "the channel id is empty",
            ["channel_id不能为空"] = "the channel id is empty",
            ["channel_id or channel_type cannot be empty"] = "the channel id or the channel type is empty",
            ["频道ID不能包含特殊字符！"] = "the channel id contains a special character (@, # or &)",
            ["频道ID不合法！"] = "the channel id is not valid",
            ["频道类型不能为0！"] = "the channel type cannot be 0",
            ["channel_type不能为0"] = "the channel type cannot be 0",
            ["channel_type不能为空！"] = "the channel type is empty",
            ["频道类型错误！"] = "the channel type is wrong",
            ["channels cannot be empty"] = "the channel list is empty",
            ["订阅者不能为空！"] = "the subscriber list is empty",
            ["subscribers不能为空！"] = "the subscriber list is empty",
            ["个人频道不支持添加订阅者！"] = "a person channel cannot have subscribers",
            ["不支持个人频道添加订阅者！"] = "a person channel cannot have subscribers",
            ["个人频道不支持此操作！"] = "this operation is not supported on a person channel",
            ["新版本临时订阅者已不支持！"] = "temporary subscribers are no longer supported",
            ["创建或更新频道失败"] = "creating or updating the channel failed",
            ["创建频道失败！"] = "creating the channel failed",
            ["添加频道失败！"] = "adding the channel failed",
            ["查询频道失败！"] = "reading the channel failed",
            ["添加订阅者失败！"] = "adding the subscribers failed",
            ["添加或更新频道信息失败！"] = "saving the channel's flags failed",
            ["移除所有订阅者失败！"] = "removing every subscriber failed",
            ["移除所有黑名单失败！"] = "emptying the blacklist failed",
            ["移除所有白名单失败！"] = "emptying the whitelist failed",
            ["移除所有白明单失败！"] = "emptying the whitelist failed",
            ["请求设置临时频道的订阅者失败！"] = "setting the temporary channel's subscribers failed",

            // Messages and stream events
            ["payload不能为空！"] = "the payload is empty",
            ["client_msg_no不能为空！"] = "the client message number (client_msg_no) is empty",
            ["client_msg_no不能为空"] = "the client message number (client_msg_no) is empty",
            ["无法处理发送消息请求！"] = "the server could not process the send request",
            ["获取最近消息失败！"] = "reading the recent messages failed",
            ["最后一次messageSeq不能为0！"] = "the last message seq cannot be 0",
            ["last_message_seq不能为空！"] = "the last message seq is empty",
            ["消息同步回执失败！"] = "acknowledging the message sync failed",
            ["event_id不能为空！"] = "the event id is empty",
            ["event_type不能为空！"] = "the event type is empty",
            ["stream closed"] = "the stream lane is already closed",
            ["event cache not available"] = "the server's stream event cache is not available",
            ["message event channel mismatch"] = "the event names a different channel than its message",
            ["message event headers are not supported"] = "event headers are not supported",

            // Conversations
            ["获取conversation失败！"] = "reading the conversation failed",
            ["获取会话失败！"] = "reading the conversations failed",
            ["获取用户缓存的最近会话失败！"] = "reading the user's cached recent conversations failed",
            ["unread cannot be negative"] = "the unread count cannot be negative",
            ["invalid channel_id"] = "the channel id is not valid",

            // Tags
            ["tag not found"] = "the tag does not exist",
            ["生成tag失败！"] = "creating the tag failed",
            ["更新tag失败！"] = "updating the tag failed",

            // Lookups, nodes and the cluster
            ["not found"] = "not found",
            ["获取频道所在节点失败！"] = "finding the node that holds the channel failed",
            ["获取slot所在节点失败！"] = "finding the node that holds the slot failed",
            ["槽的领导节点不存在"] = "the slot has no leader node",
            ["节点不存在！"] = "the node does not exist",
            ["节点参数有误！"] = "the node parameter is not valid",
            ["node not found"] = "the node does not exist",
            ["node offline"] = "the node is offline",
            ["slot not found"] = "the slot does not exist",
            ["leader not found"] = "the leader node was not found",
            ["slot leader is not current node"] = "this node does not lead the slot",
            ["MigrateFrom not in replicas"] = "the node to migrate from does not hold a replica of the slot",
            ["没有配置jwt.secret"] = "the server has no jwt.secret configured",

            // Stress testing
            ["没有开启压测配置，不支持压测"] = "stress testing is not enabled on this server",
            ["压测机器不存在！"] = "the stress test machine does not exist",
        };

        private static readonly (Regex Pattern, string Explanation)[] Patterns =
        {
            (new Regex("^数据格式有误！: ", RegexOptions.CultureInvariant), "the request body is malformed"),
            (new Regex("^strconv\\.ParseUint: parsing \".*\": invalid syntax$", RegexOptions.CultureInvariant), "a number was expected (an unsigned integer)"),
            (new Regex("^illegal base64 data at input byte \\d+$", RegexOptions.CultureInvariant), "the payload is not valid base64"),
            (new Regex("^IM服务失败！ -> ", RegexOptions.CultureInvariant), "a node of the cluster failed to answer"),
            (new Regex("^IM服务返回状态\\[\\d+\\]失败！$", RegexOptions.CultureInvariant), "a node of the cluster answered with an error status"),
        };

        /// <summary>The English explanation of a server <c>msg</c>, or null when the text is unknown (it then stands alone).</summary>
        public static string? Explain(string? serverMessage)
        {
            if (string.IsNullOrEmpty(serverMessage))
            {
                return null;
            }
            if (Exact.TryGetValue(serverMessage!, out string? explanation))
            {
                return explanation;
            }
            foreach ((Regex pattern, string text) in Patterns)
            {
                if (pattern.IsMatch(serverMessage))
                {
                    return text;
                }
            }
            return null;
        }

        /// <summary>
        /// The server's text with its English explanation when that adds something: <c>频道ID不能为空！ (the channel id is empty)</c>.
        /// An unknown text, or one the explanation would only repeat, is returned as it is.
        /// </summary>
        public static string Describe(string serverMessage)
        {
            string? explanation = Explain(serverMessage);
            return explanation == null || string.Equals(explanation, serverMessage, StringComparison.OrdinalIgnoreCase)
                ? serverMessage
                : serverMessage + " (" + explanation + ")";
        }
    }
}
