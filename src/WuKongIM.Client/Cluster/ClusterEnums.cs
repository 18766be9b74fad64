namespace WuKongIM.Client
{
    /// <summary>A node's place in the cluster (<c>status</c> of /cluster/nodes; the server's <c>status_format</c> is 将加入/加入中/已加入).</summary>
    public enum WKNodeStatus
    {
        Unknown = 0,
        WillJoin = 1,
        Joining = 2,
        Joined = 3,
    }

    /// <summary>A node's role (<c>role</c> of /cluster/nodes): a voting replica, or a proxy that holds no data.</summary>
    public enum WKNodeRole
    {
        Replica = 0,
        Proxy = 1,
    }

    /// <summary>A slot's raft state (<c>status</c> of /cluster/allslot; 正常/候选中/领导者转移中).</summary>
    public enum WKSlotStatus
    {
        Normal = 0,
        Candidate = 1,
        LeaderTransfer = 2,
    }

    /// <summary>A replica's role in a slot or channel raft group (<c>role</c>; 0 when the server does not say, as in localReplica).</summary>
    public enum WKReplicaRole
    {
        Unknown = 0,
        Follower = 1,
        Leader = 3,
        Learner = 4,
    }

    /// <summary>A channel raft group's election state (<c>status</c> of /cluster/nodes/:id/channels; 正常/选举中).</summary>
    public enum WKChannelClusterStatus
    {
        Normal = 0,
        Electing = 1,
    }

    /// <summary>Whether a channel's raft group is loaded on its leader (<c>active_format</c> 运行中/挂起/未运行).</summary>
    public enum WKChannelRunState
    {
        NotRunning = 0,
        Running = 1,
        Suspended = 2,
    }

    /// <summary>Which raft log <c>/cluster/logs</c> reads (<c>log_type</c>).</summary>
    public enum WKClusterLogType
    {
        Config = 1,
        Slot = 2,
        Channel = 3,
    }

    /// <summary>How <c>/cluster/messages</c> walks the store for a search (wukongim-api.md §11.6).</summary>
    public enum WKMessageSearchScan
    {
        /// <summary>By message id: one lookup, other filters ignored.</summary>
        MessageId,
        /// <summary>One channel by seq, newest first; paged with offset_message_seq.</summary>
        Channel,
        /// <summary>The sender or client_msg_no index: not in time order, so paging is de-duplicated and may not be exhaustive.</summary>
        SecondaryIndex,
        /// <summary>The global message-id index, newest first; paged with offset_message_id.</summary>
        Global,
    }
}
