namespace WuKongIM.Client
{
    /// <summary>WuKongIM channel types (wukongim-api.md §2.1). Sent as a uint8.</summary>
    public enum WKChannelType : byte
    {
        Person = 1,
        Group = 2,
        CustomerService = 3,
        Community = 4,
        CommunityTopic = 5,
        Info = 6,
        Data = 7,
        Temp = 8,
        Live = 9,
        Visitors = 10,
        Agent = 11,
        AgentGroup = 12,
    }

    /// <summary>Device flags (wukongim-api.md §2.4). <see cref="All"/> exists only for device quit.</summary>
    public enum WKDeviceFlag
    {
        All = -1,
        App = 0,
        Web = 1,
        PC = 2,
        System = 99,
    }

    /// <summary>Device levels: a master login kicks other connections of the same uid and device flag.</summary>
    public enum WKDeviceLevel : byte
    {
        Slave = 0,
        Master = 1,
    }
}
