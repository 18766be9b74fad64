namespace WuKongIM.Client
{
    /// <summary>What Sync-WKUserBlock does with one recorded block.</summary>
    public enum WKBlockSyncAction
    {
        /// <summary>The block has expired: lift it.</summary>
        Lift,
        /// <summary>The ban is missing on the server: apply it again.</summary>
        Reapply,
        /// <summary>The ban is missing and re-applying is switched off: only report it.</summary>
        BanMissing,
        /// <summary>The ban is in place and not expired.</summary>
        Keep,
    }
}
