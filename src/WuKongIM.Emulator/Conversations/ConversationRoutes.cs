using System;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Areas
{
    /// <summary>
    /// Conversation mutations and the channel list (wukongim-api.md §3.8). Person channels are converted to the stored
    /// id of (uid, channel_id); unread counts are never stored, only the read-up-to seq.
    /// </summary>
    public sealed partial class ConversationRoutes : IRouteModule
    {
        private static readonly GoStruct ClearUnreadReq = new("api", "clearConversationUnreadReq",
            new GoField("uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("message_seq", GoType.Uint32));

        private static readonly GoStruct SetUnreadReq = new("api", "setConversationUnreadReq",
            new GoField("uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8),
            new GoField("unread", GoType.Int));

        private static readonly GoStruct DeleteReq = new("api", "deleteChannelReq",
            new GoField("uid", GoType.String),
            new GoField("channel_id", GoType.String),
            new GoField("channel_type", GoType.Uint8));

        private static readonly GoStruct ChannelsReq = new("api", "conversationChannelReq",
            new GoField("uid", GoType.String));

        public void Map(Router router)
        {
            router.Post("/conversations/clearUnread", ClearUnread);
            router.Post("/conversations/setUnread", SetUnread);
            router.Post("/conversations/delete", Delete);
            router.Post("/conversation/channels", Channels);
        }

        /// <summary>The id a conversation of (uid, channel) is stored under: the derived pair id for person channels.</summary>
        public static string StoredChannelId(string uid, string channelId, byte channelType) =>
            channelType == 1 && !channelId.Contains('@') ? Hashes.PersonChannelId(uid, channelId) : channelId;

        private static ApiResult ClearUnread(ApiRequest r)
        {
            if (!r.TryDecode(ClearUnreadReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid"), channelId = req.Str("channel_id");
            byte type = req.U8("channel_type");
            if (uid.Length == 0) return ApiResult.Err("uid cannot be empty");
            if (channelId.Length == 0 || type == 0) return ApiResult.Err("channel_id or channel_type cannot be empty");

            EmulatorState s = r.State;
            string stored = StoredChannelId(uid, channelId, type);
            ulong last = s.LastMessageSeq(stored, type);
            // message_seq is accepted but ignored in v2.2.5: the conversation is read up to the channel's last message.
            if (s.Conversations.TryGetValue((uid, stored, type), out ConversationRecord? conversation))
            {
                if (last > conversation.ReadedToMsgSeq)
                {
                    conversation.ReadedToMsgSeq = last;
                    conversation.UpdatedAt = DateTimeOffset.UtcNow;
                }
            }
            else if (last > 0)
            {
                s.EnsureConversation(uid, stored, type, last);
            }
            return ApiResult.Ok();
        }

        private static ApiResult SetUnread(ApiRequest r)
        {
            if (!r.TryDecode(SetUnreadReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid"), channelId = req.Str("channel_id");
            byte type = req.U8("channel_type");
            if (uid.Length == 0) return ApiResult.Err("UID cannot be empty");
            if (channelId.Length == 0 || type == 0) return ApiResult.Err("channel_id or channel_type cannot be empty");

            EmulatorState s = r.State;
            string stored = StoredChannelId(uid, channelId, type);
            ulong target = SetUnreadTarget(s.LastMessageSeq(stored, type), req.Int("unread"));
            if (s.Conversations.TryGetValue((uid, stored, type), out ConversationRecord? conversation))
            {
                // Only ever moves forward: the unread count can be lowered, never raised.
                if (target > conversation.ReadedToMsgSeq)
                {
                    conversation.ReadedToMsgSeq = target;
                    conversation.UpdatedAt = DateTimeOffset.UtcNow;
                }
            }
            else
            {
                s.EnsureConversation(uid, stored, type, target);
            }
            return ApiResult.Ok();
        }

        /// <summary>
        /// The read-up-to seq /conversations/setUnread aims at: L for 0, L - unread within range, L - 1 otherwise
        /// (negative or too large) — which underflows to 2^64-1 when the channel is empty, as in v2.2.5.
        /// </summary>
        public static ulong SetUnreadTarget(ulong last, long unread)
        {
            if (unread == 0) return last;
            if (unread > 0 && (ulong)unread <= last) return last - (ulong)unread;
            return unchecked(last - 1);
        }

        private static ApiResult Delete(ApiRequest r)
        {
            if (!r.TryDecode(DeleteReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid"), channelId = req.Str("channel_id");
            byte type = req.U8("channel_type");
            if (uid.Length == 0) return ApiResult.Err("Uid cannot be empty");
            if (channelId.Length == 0 || type == 0) return ApiResult.Err("channel_id or channel_type cannot be empty");

            EmulatorState s = r.State;
            string stored = StoredChannelId(uid, channelId, type);
            if (s.Conversations.TryGetValue((uid, stored, type), out ConversationRecord? conversation))
            {
                conversation.DeletedAtMsgSeq = s.LastMessageSeq(stored, type);
                conversation.UpdatedAt = DateTimeOffset.UtcNow;
            }
            return ApiResult.Ok();
        }

        private static ApiResult Channels(ApiRequest r)
        {
            if (!r.TryDecode(ChannelsReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError)) return decodeError;
            string uid = req.Str("uid");
            var rows = r.State.Conversations.Values
                .Where(c => c.Uid == uid && !c.IsCommand)
                .OrderByDescending(c => c.UpdatedAt)
                .Select(c => new { channel_id = c.ChannelId, channel_type = c.ChannelType })
                .ToList();
            return ApiResult.Bare(rows);
        }
    }
}
