<#
    One invocation per parameter set of every exported cmdlet: the table the Coverage.*.Tests.ps1 files run. A new
    cmdlet or parameter set without a row here fails Coverage.Cmdlets.Tests.ps1.

    Fields of a case:
      Cmdlet, Set   the command and the parameter set the invocation must bind (checked against Get-Command)
      Setup         builds what the call needs on a freshly reset emulator; what it returns is the context ($ctx)
      Params        named parameters; a scriptblock value is computed from the context: { param($ctx) ... }
      Pipe          pipeline input, computed from the context; Bound names the parameters it binds
      Type          the output type (each output object's PSTypeNames holds it); $null for commands that write nothing
      Effect        for state-changing cmdlets whose effect is not a write request (a file, a local session):
                    { param($ctx, $out) ... } returns true when the change happened. Without it, the change is proven
                    by at least one write request reaching the emulator.
      RefusedWith   only for an action that cannot succeed on the coverage suite's single-node emulator (moving a
                    replica needs a second node): the one error id the server's refusal must come back as. The call
                    must still reach the server (its write request is counted) and fail with exactly that error; such a
                    row has Type $null.
    Force, -Confirm and -WhatIf are never in Params: each test adds the one it is about.
#>

$setupChannel = { New-WKChannel -ChannelId g1 -ChannelType Group -Subscriber 'u1;u2' -WarningAction SilentlyContinue; @{} }
$setupUser = { Register-WKUser -Uid u1 | Out-Null; @{} }
$setupConversation = {
    Add-WKChannelSubscriber -ChannelId g1 -ChannelType Group -Uid u1, u2 | Out-Null
    Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u2 -Text one | Out-Null
    Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u2 -Text two | Out-Null
    @{}
}
$setupMessage = {
    Add-WKChannelSubscriber -ChannelId g1 -ChannelType Group -Uid u1, u2 | Out-Null
    @{ Message = Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text hello }
}
$setupStream = {
    $m = Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid bot -Text '...' -Stream
    $m | Add-WKMessageEvent -Text 'Hel' | Out-Null
    @{ Message = $m }
}
$setupClosedStream = {
    $m = Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid bot -Text '...' -Stream
    $m | Add-WKMessageEvent -Text 'Hel' | Out-Null
    # Events are readable once the stream is closed.
    $m | Add-WKMessageEvent -EventType stream.close | Out-Null
    @{ Message = $m }
}
$setupBlock = {
    Register-WKUser -Uid u1 | Out-Null
    Block-WKUser -Uid u1 -Duration (New-TimeSpan -Hours 1) -Reason coverage -Force -WarningAction SilentlyContinue | Out-Null
    @{}
}
$setupTag = {
    Add-WKChannelSubscriber -ChannelId g1 -ChannelType Group -Uid u1, u2 | Out-Null
    Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text tagged | Out-Null
    @{ TagKey = (Get-WKTag -ChannelId g1 -ChannelType Group).TagKey }
}
# Topology actions need a manager login with 'w': the coverage files start the emulator with this user
# (--manager-user admin:coverage-pw:*:rw). Scriptblocks are rebuilt from their text in other runspaces, so each is whole.
$setupManager = {
    Connect-WKServer -Uri $script:Uri -Credential ([pscredential]::new('admin', (ConvertTo-SecureString 'coverage-pw' -AsPlainText -Force)))
    @{}
}
$setupClusterChannel = {
    # A message gives channel g1 its raft group (cluster config, replicas, run status).
    Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text hello | Out-Null
    @{}
}
$setupManagedChannel = {
    Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text hello | Out-Null
    Connect-WKServer -Uri $script:Uri -Credential ([pscredential]::new('admin', (ConvertTo-SecureString 'coverage-pw' -AsPlainText -Force)))
    @{}
}
$group = @{ ChannelId = 'g1'; ChannelType = 'Group' }
function With([hashtable] $a, [hashtable] $b) { $r = $a.Clone(); foreach ($k in $b.Keys) { $r[$k] = $b[$k] }; $r }

@(
    # --- Channels ---
    @{ Cmdlet = 'Add-WKChannelBlacklist'; Set = 'Uid'; Params = With $group @{ Uid = 'u1', 'u2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Add-WKChannelSubscriber'; Set = 'Uid'; Params = With $group @{ Uid = 'u1', 'u2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Add-WKChannelWhitelist'; Set = 'Uid'; Params = With $group @{ Uid = 'u1', 'u2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Block-WKChannel'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = With $group @{ PassThru = $true }; Type = 'WuKongIM.Client.WKChannelInfo' }
    @{ Cmdlet = 'Unblock-WKChannel'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = With $group @{ PassThru = $true }; Type = 'WuKongIM.Client.WKChannelInfo' }
    @{ Cmdlet = 'Lock-WKChannel'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = With $group @{ PassThru = $true }; Type = 'WuKongIM.Client.WKChannelInfo' }
    @{ Cmdlet = 'Unlock-WKChannel'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = With $group @{ PassThru = $true }; Type = 'WuKongIM.Client.WKChannelInfo' }
    @{ Cmdlet = 'Set-WKChannel'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = With $group @{ Large = $true; PassThru = $true }; Type = 'WuKongIM.Client.WKChannelInfo' }
    @{ Cmdlet = 'New-WKChannel'; Set = '__AllParameterSets'; Params = With $group @{ Subscriber = 'u1;u2'; PassThru = $true }; Type = 'WuKongIM.Client.WKChannel' }
    @{ Cmdlet = 'Remove-WKChannel'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = $group; Type = $null }
    @{ Cmdlet = 'Get-WKChannel'; Set = 'List'; Setup = $setupChannel; Params = @{ ChannelType = 'Group' }; Type = 'WuKongIM.Client.WKChannel' }
    @{ Cmdlet = 'Get-WKChannel'; Set = 'Id'; Setup = $setupChannel; Params = $group; Type = 'WuKongIM.Client.WKChannel' }
    @{ Cmdlet = 'Get-WKChannelSubscriber'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = $group; Type = 'WuKongIM.Client.WKChannelMember' }
    @{ Cmdlet = 'Get-WKChannelBlacklist'; Set = '__AllParameterSets'; Setup = { Add-WKChannelBlacklist -ChannelId g1 -Uid u1 | Out-Null }; Params = $group; Type = 'WuKongIM.Client.WKChannelMember' }
    @{ Cmdlet = 'Get-WKChannelWhitelist'; Set = '__AllParameterSets'; Setup = { Add-WKChannelWhitelist -ChannelId g1 -Uid u1 | Out-Null }; Params = $group; Type = 'WuKongIM.Client.WKWhitelistEntry' }
    @{ Cmdlet = 'Remove-WKChannelSubscriber'; Set = 'Uid'; Setup = $setupChannel; Params = With $group @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKChannelSubscriber'; Set = 'All'; Setup = $setupChannel; Params = With $group @{ All = $true }; Type = $null }
    @{ Cmdlet = 'Remove-WKChannelBlacklist'; Set = 'Uid'; Setup = { Add-WKChannelBlacklist -ChannelId g1 -Uid u1, u2 | Out-Null }; Params = With $group @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKChannelBlacklist'; Set = 'All'; Setup = { Add-WKChannelBlacklist -ChannelId g1 -Uid u1, u2 | Out-Null }; Params = With $group @{ All = $true }; Type = $null }
    @{ Cmdlet = 'Remove-WKChannelWhitelist'; Set = 'Uid'; Setup = { Add-WKChannelWhitelist -ChannelId g1 -Uid u1, u2 | Out-Null }; Params = With $group @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKChannelWhitelist'; Set = 'All'; Setup = { Add-WKChannelWhitelist -ChannelId g1 -Uid u1, u2 | Out-Null }; Params = With $group @{ All = $true }; Type = $null }
    @{ Cmdlet = 'Set-WKChannelSubscriber'; Set = '__AllParameterSets'; Setup = $setupChannel; Params = With $group @{ Uid = 'u3', 'u4' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Set-WKChannelBlacklist'; Set = '__AllParameterSets'; Params = With $group @{ Uid = 'u3', 'u4' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Set-WKChannelWhitelist'; Set = '__AllParameterSets'; Params = With $group @{ Uid = 'u3', 'u4' }; Type = 'WuKongIM.Client.WKBulkItemResult' }

    # --- Users, tokens, blocks and per-user lists ---
    @{ Cmdlet = 'Register-WKUser'; Set = '__AllParameterSets'; Params = @{ Uid = 'u1'; DeviceFlag = 'Web' }; Type = 'WuKongIM.Client.WKUserToken' }
    @{ Cmdlet = 'Get-WKUser'; Set = 'List'; Setup = $setupUser; Params = @{ First = 10 }; Type = 'WuKongIM.Client.WKUser' }
    @{ Cmdlet = 'Get-WKUser'; Set = 'Uid'; Setup = $setupUser; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKUser' }
    @{ Cmdlet = 'Get-WKUserDevice'; Set = '__AllParameterSets'; Setup = $setupUser; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKDevice' }
    @{ Cmdlet = 'Set-WKUserToken'; Set = '__AllParameterSets'; Params = @{ Uid = 'u1'; Token = 'tok-1'; PassThru = $true }; Type = 'WuKongIM.Client.WKUserResult' }
    @{ Cmdlet = 'Reset-WKUserToken'; Set = '__AllParameterSets'; Setup = $setupUser; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKUserToken' }
    @{ Cmdlet = 'Revoke-WKUserToken'; Set = '__AllParameterSets'; Setup = $setupUser; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKUserResult' }
    @{ Cmdlet = 'Set-WKUserPlugin'; Set = '__AllParameterSets'; Setup = $setupUser; Params = @{ Uid = 'u1'; PluginNo = 'p1'; PassThru = $true }; Type = 'WuKongIM.Client.WKUserResult' }
    @{ Cmdlet = 'Invoke-WKDeviceQuit'; Set = '__AllParameterSets'; Setup = $setupUser; Params = @{ Uid = 'u1'; PassThru = $true }; Type = 'WuKongIM.Client.WKUserResult' }
    @{ Cmdlet = 'Get-WKOnlineStatus'; Set = '__AllParameterSets'; Setup = { Connect-EmulatorDevice u1 | Out-Null }; Params = @{ Uid = 'u1', 'u2' }; Type = 'WuKongIM.Client.WKOnlineStatus' }
    @{ Cmdlet = 'Add-WKSystemUser'; Set = '__AllParameterSets'; Params = @{ Uid = 'bot1', 'bot2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Get-WKSystemUser'; Set = '__AllParameterSets'; Setup = { Add-WKSystemUser -Uid bot1 | Out-Null }; Params = @{}; Type = 'WuKongIM.Client.WKSystemUser' }
    @{ Cmdlet = 'Remove-WKSystemUser'; Set = '__AllParameterSets'; Setup = { Add-WKSystemUser -Uid bot1 | Out-Null }; Params = @{ Uid = 'bot1' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Block-WKUser'; Set = 'Duration'; Setup = $setupUser; Params = @{ Uid = 'u1'; Duration = [timespan]'01:00:00'; Reason = 'coverage' }; Type = 'WuKongIM.Client.WKUserBlockResult' }
    @{ Cmdlet = 'Block-WKUser'; Set = 'Until'; Setup = $setupUser; Params = @{ Uid = 'u1'; Until = { [DateTime]::UtcNow.AddHours(2) } }; Type = 'WuKongIM.Client.WKUserBlockResult' }
    @{ Cmdlet = 'Unblock-WKUser'; Set = '__AllParameterSets'; Setup = $setupBlock; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKUserBlockResult' }
    @{ Cmdlet = 'Get-WKBlockedUser'; Set = '__AllParameterSets'; Setup = $setupBlock; Params = @{}; Type = 'WuKongIM.Client.WKBlockedUser' }
    @{ Cmdlet = 'Sync-WKUserBlock'; Set = '__AllParameterSets'; Setup = {
            Register-WKUser -Uid u1 | Out-Null
            Block-WKUser -Uid u1 -Duration (New-TimeSpan -Hours 1) -Force -WarningAction SilentlyContinue | Out-Null
            # The ban went missing on the server (a restart): Sync-WKUserBlock re-applies it.
            Invoke-RestMethod -Method Post -Uri "$script:Uri/channel/info" -ContentType 'application/json' -Body '{"channel_id":"u1","channel_type":1,"ban":0}' | Out-Null
            @{}
        }; Params = @{}; Type = 'WuKongIM.Client.WKUserBlockResult'
    }
    @{ Cmdlet = 'Add-WKUserBlocklist'; Set = '__AllParameterSets'; Params = @{ Uid = 'owner'; BlockedUid = 'b1', 'b2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Add-WKUserAllowlist'; Set = '__AllParameterSets'; Params = @{ Uid = 'owner'; AllowedUid = 'a1', 'a2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Get-WKUserBlocklist'; Set = '__AllParameterSets'; Setup = { Add-WKUserBlocklist -Uid owner -BlockedUid b1 | Out-Null }; Params = @{ Uid = 'owner' }; Type = 'WuKongIM.Client.WKUserListEntry' }
    @{ Cmdlet = 'Get-WKUserAllowlist'; Set = '__AllParameterSets'; Setup = { Add-WKUserAllowlist -Uid owner -AllowedUid a1 | Out-Null }; Params = @{ Uid = 'owner' }; Type = 'WuKongIM.Client.WKUserListEntry' }
    @{ Cmdlet = 'Set-WKUserBlocklist'; Set = '__AllParameterSets'; Params = @{ Uid = 'owner'; BlockedUid = 'b1', 'b2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Set-WKUserAllowlist'; Set = '__AllParameterSets'; Params = @{ Uid = 'owner'; AllowedUid = 'a1', 'a2' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKUserBlocklist'; Set = 'Listed'; Setup = { Add-WKUserBlocklist -Uid owner -BlockedUid b1, b2 | Out-Null }; Params = @{ Uid = 'owner'; BlockedUid = 'b1' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKUserBlocklist'; Set = 'All'; Setup = { Add-WKUserBlocklist -Uid owner -BlockedUid b1, b2 | Out-Null }; Params = @{ Uid = 'owner'; All = $true }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKUserAllowlist'; Set = 'Listed'; Setup = { Add-WKUserAllowlist -Uid owner -AllowedUid a1, a2 | Out-Null }; Params = @{ Uid = 'owner'; AllowedUid = 'a1' }; Type = 'WuKongIM.Client.WKBulkItemResult' }
    @{ Cmdlet = 'Remove-WKUserAllowlist'; Set = 'All'; Setup = { Add-WKUserAllowlist -Uid owner -AllowedUid a1, a2 | Out-Null }; Params = @{ Uid = 'owner'; All = $true }; Type = 'WuKongIM.Client.WKBulkItemResult' }

    # --- Connections ---
    @{ Cmdlet = 'Get-WKConnection'; Set = 'Node'; Setup = { Connect-EmulatorDevice u1 | Out-Null }; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKConnection' }
    @{ Cmdlet = 'Get-WKConnection'; Set = 'AllNodes'; Setup = { Connect-EmulatorDevice u1 | Out-Null }; Params = @{ Uid = 'u1'; AllNodes = $true }; Type = 'WuKongIM.Client.WKConnection' }
    @{ Cmdlet = 'Disconnect-WKConnection'; Set = '__AllParameterSets'; Setup = { Connect-EmulatorDevice u1 | Out-Null; @{ Connection = Get-WKConnection -Uid u1 } }
        Params = @{ Uid = 'u1'; ConnId = { param($ctx) $ctx.Connection.ConnId }; PassThru = $true }; Type = 'WuKongIM.Client.WKUserResult'
    }

    # --- Messages ---
    @{ Cmdlet = 'Send-WKMessage'; Set = 'Channel'; Params = With $group @{ FromUid = 'u1'; Text = 'hi' }; Type = 'WuKongIM.Client.WKSendResult' }
    @{ Cmdlet = 'Send-WKMessage'; Set = 'ToUid'; Params = @{ ToUid = 'u2', 'u3'; FromUid = 'u1'; Text = 'hi' }; Type = 'WuKongIM.Client.WKBatchSendItem' }
    @{ Cmdlet = 'Send-WKMessage'; Set = 'Subscribers'; Params = @{ Subscribers = 'u2', 'u3'; FromUid = 'u1'; Text = 'hi' }; Type = 'WuKongIM.Client.WKSendResult' }
    @{ Cmdlet = 'Get-WKMessage'; Set = 'Id'; Setup = $setupMessage; Params = With $group @{ MessageId = { param($ctx) $ctx.Message.MessageId } }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Get-WKMessage'; Set = 'Seq'; Setup = $setupMessage; Params = With $group @{ MessageSeq = 1 }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Get-WKMessage'; Set = 'ClientMsgNo'; Setup = $setupMessage; Params = With $group @{ ClientMsgNo = { param($ctx) $ctx.Message.ClientMsgNo } }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Get-WKMessage'; Set = 'Last'; Setup = $setupMessage; Params = With $group @{ Last = $true }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Get-WKMessage'; Set = 'MaxSeq'; Setup = $setupMessage; Params = With $group @{ MaxSeq = $true }; Type = 'WuKongIM.Client.WKChannelMessageSeq' }
    @{ Cmdlet = 'Get-WKChannelMessage'; Set = 'First'; Setup = $setupConversation; Params = With $group @{ First = 1 }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Get-WKChannelMessage'; Set = 'All'; Setup = $setupConversation; Params = With $group @{ All = $true }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Export-WKChannelMessage'; Set = '__AllParameterSets'; Setup = {
            Add-WKChannelSubscriber -ChannelId g1 -ChannelType Group -Uid u1, u2 | Out-Null
            Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u2 -Text one | Out-Null
            @{ Path = Join-Path ([System.IO.Path]::GetTempPath()) "wk-coverage-$([guid]::NewGuid()).jsonl" } }
        Params = With $group @{ Path = { param($ctx) $ctx.Path } }; Type = 'WuKongIM.Client.WKExportResult'
        Effect = { param($ctx, $out) $ok = Test-Path -LiteralPath $ctx.Path; Remove-Item -LiteralPath $ctx.Path -ErrorAction SilentlyContinue; $ok }
    }
    @{ Cmdlet = 'Add-WKMessageEvent'; Set = '__AllParameterSets'; Setup = $setupStream; Pipe = { param($ctx) $ctx.Message }; Bound = 'ChannelId', 'ChannelType', 'ClientMsgNo'
        Params = @{ Text = 'lo' }; Type = 'WuKongIM.Client.WKMessageEventResult'
    }
    @{ Cmdlet = 'Get-WKMessageEvent'; Set = '__AllParameterSets'; Setup = $setupClosedStream; Pipe = { param($ctx) $ctx.Message }; Bound = 'ChannelId', 'ChannelType', 'ClientMsgNo'
        Params = @{}; Type = 'WuKongIM.Client.WKMessageEvent'
    }

    # --- Conversations ---
    @{ Cmdlet = 'Get-WKConversation'; Set = 'Sync'; Setup = $setupConversation; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKConversation' }
    @{ Cmdlet = 'Get-WKConversation'; Set = 'Channel'; Setup = $setupConversation; Params = With $group @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKConversation' }
    @{ Cmdlet = 'Get-WKConversationChannel'; Set = 'List'; Setup = $setupConversation; Params = @{ Uid = 'u1' }; Type = 'WuKongIM.Client.WKConversationChannel' }
    @{ Cmdlet = 'Get-WKConversationChannel'; Set = 'Stored'; Setup = $setupConversation; Params = @{ Uid = 'u1'; Stored = $true }; Type = 'WuKongIM.Client.WKStoredConversation' }
    @{ Cmdlet = 'Get-WKConversationMessage'; Set = '__AllParameterSets'; Setup = $setupConversation; Params = With $group @{ Uid = 'u1'; Count = 5 }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Clear-WKConversationUnread'; Set = '__AllParameterSets'; Setup = $setupConversation; Params = With $group @{ Uid = 'u1' }; Type = $null }
    @{ Cmdlet = 'Set-WKConversationUnread'; Set = '__AllParameterSets'; Setup = $setupConversation; Params = With $group @{ Uid = 'u1'; Unread = 1 }; Type = $null }
    @{ Cmdlet = 'Remove-WKConversation'; Set = '__AllParameterSets'; Setup = $setupConversation; Params = With $group @{ Uid = 'u1' }; Type = $null }

    # --- Tags ---
    @{ Cmdlet = 'Get-WKTag'; Set = 'List'; Setup = $setupTag; Params = @{}; Type = 'WuKongIM.Client.WKTag' }
    @{ Cmdlet = 'Get-WKTag'; Set = 'Key'; Setup = $setupTag; Params = @{ TagKey = { param($ctx) $ctx.TagKey } }; Type = 'WuKongIM.Client.WKTag' }
    @{ Cmdlet = 'Get-WKTag'; Set = 'Channel'; Setup = $setupTag; Params = $group; Type = 'WuKongIM.Client.WKTag' }
    @{ Cmdlet = 'Remove-WKTag'; Set = 'Key'; Setup = $setupTag; Params = @{ TagKey = { param($ctx) $ctx.TagKey } }; Type = $null }
    @{ Cmdlet = 'Remove-WKTag'; Set = 'Channel'; Setup = $setupTag; Params = $group; Type = $null }

    # --- Cluster (one node, 1001) ---
    @{ Cmdlet = 'Get-WKNode'; Set = 'Live'; Params = @{}; Type = 'WuKongIM.Client.WKNode' }
    @{ Cmdlet = 'Get-WKNode'; Set = 'Simple'; Params = @{ Simple = $true }; Type = 'WuKongIM.Client.WKNode' }
    @{ Cmdlet = 'Get-WKNode'; Set = 'Local'; Params = @{ Local = $true }; Type = 'WuKongIM.Client.WKNode' }
    @{ Cmdlet = 'Get-WKCluster'; Set = '__AllParameterSets'; Params = @{}; Type = 'WuKongIM.Client.WKClusterInfo' }
    @{ Cmdlet = 'Get-WKSlot'; Set = '__AllParameterSets'; Params = @{ SlotId = 5 }; Type = 'WuKongIM.Client.WKSlot' }
    @{ Cmdlet = 'Get-WKSlotReplica'; Set = '__AllParameterSets'; Params = @{ SlotId = 5 }; Type = 'WuKongIM.Client.WKSlotReplica' }
    @{ Cmdlet = 'Get-WKChannelClusterConfig'; Set = '__AllParameterSets'; Setup = $setupClusterChannel; Params = $group; Type = 'WuKongIM.Client.WKChannelClusterConfig' }
    @{ Cmdlet = 'Get-WKChannelReplica'; Set = '__AllParameterSets'; Setup = $setupClusterChannel; Params = $group; Type = 'WuKongIM.Client.WKChannelReplica' }
    @{ Cmdlet = 'Get-WKNodeChannel'; Set = '__AllParameterSets'; Setup = $setupClusterChannel; Params = @{ NodeId = 1001 }; Type = 'WuKongIM.Client.WKNodeChannel' }
    @{ Cmdlet = 'Get-WKChannelRunStatus'; Set = '__AllParameterSets'; Setup = $setupClusterChannel; Params = $group; Type = 'WuKongIM.Client.WKChannelRunStatus' }
    @{ Cmdlet = 'Get-WKClusterLog'; Set = '__AllParameterSets'; Setup = $setupClusterChannel; Params = @{ NodeId = 1001 }; Type = 'WuKongIM.Client.WKClusterLog' }
    @{ Cmdlet = 'Test-WKClusterLogConflict'; Set = '__AllParameterSets'; Setup = $setupClusterChannel; Params = @{ WarningAction = 'SilentlyContinue' }; Type = 'WuKongIM.Client.WKClusterLogConflictCheck' }
    @{ Cmdlet = 'Find-WKMessage'; Set = 'Text'; Setup = $setupClusterChannel; Params = @{ Text = 'hello' }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Find-WKMessage'; Set = 'Bytes'; Setup = $setupClusterChannel; Params = @{ Bytes = [byte[]][char[]]'hello' }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Find-WKMessage'; Set = 'MessageId'; Setup = $setupMessage; Params = @{ MessageId = { param($ctx) $ctx.Message.MessageId } }; Type = 'WuKongIM.Client.WKMessage' }
    @{ Cmdlet = 'Invoke-WKSlotElection'; Set = '__AllParameterSets'; Setup = $setupManager; Params = @{ SlotId = 5; PassThru = $true }; Type = 'WuKongIM.Client.WKSlot' }
    @{ Cmdlet = 'Stop-WKClusterChannel'; Set = '__AllParameterSets'; Setup = $setupManagedChannel; Params = With $group @{ PassThru = $true }; Type = 'WuKongIM.Client.WKChannelReplica' }
    @{ Cmdlet = 'Start-WKClusterChannel'; Set = '__AllParameterSets'; Setup = $setupManagedChannel; Params = With $group @{ PassThru = $true }; Type = 'WuKongIM.Client.WKChannelReplica' }
    # One node has no second node to move a replica to: the server's refusal of node 1002 proves the login, the route
    # and the body reached it (the client refuses a move to the same node before sending anything).
    @{ Cmdlet = 'Move-WKSlotReplica'; Set = '__AllParameterSets'; Setup = $setupManager; Params = @{ SlotId = 5; FromNodeId = 1001; ToNodeId = 1002 }; Type = $null; RefusedWith = 'WKClusterRefused' }
    @{ Cmdlet = 'Move-WKChannelReplica'; Set = '__AllParameterSets'; Setup = $setupManagedChannel; Params = With $group @{ FromNodeId = 1001; ToNodeId = 1002 }; Type = $null; RefusedWith = 'WKClusterRefused' }

    # --- System ---
    @{ Cmdlet = 'Connect-WKServer'; Set = '__AllParameterSets'; Params = @{ Uri = { $script:Uri }; PassThru = $true }; Type = 'WuKongIM.PowerShell.WKSession' }
    @{ Cmdlet = 'Disconnect-WKServer'; Set = '__AllParameterSets'; Setup = { @{ Session = Connect-WKServer -Uri $script:Uri -SkipCheck -PassThru } }
        # Invoke-CoverageCase connects the runspace again before the next case.
        Params = @{ Session = { param($ctx) $ctx.Session } }; Type = $null
        Effect = { param($ctx, $out) $ctx.Session.IsDisposed }
    }
    @{ Cmdlet = 'Get-WKSession'; Set = '__AllParameterSets'; Params = @{}; Type = 'WuKongIM.PowerShell.WKSession' }
    @{ Cmdlet = 'Test-WKServer'; Set = '__AllParameterSets'; Params = @{}; Type = 'WuKongIM.Client.WKServerTestResult' }
    @{ Cmdlet = 'Get-WKServerStatus'; Set = 'Node'; Params = @{}; Type = 'WuKongIM.Client.WKServerStatus' }
    @{ Cmdlet = 'Get-WKServerStatus'; Set = 'AllNodes'; Params = @{ AllNodes = $true }; Type = 'WuKongIM.Client.WKServerStatus' }
    @{ Cmdlet = 'Get-WKServerSetting'; Set = '__AllParameterSets'; Params = @{}; Type = 'WuKongIM.Client.WKServerSetting' }
    @{ Cmdlet = 'Get-WKMigrationStatus'; Set = '__AllParameterSets'; Params = @{}; Type = 'WuKongIM.Client.WKMigrationStatus' }
    @{ Cmdlet = 'Get-WKRoute'; Set = 'Server'; Params = @{}; Type = 'WuKongIM.Client.WKRoute' }
    @{ Cmdlet = 'Get-WKRoute'; Set = 'Uid'; Params = @{ Uid = 'u1', 'u2' }; Type = 'WuKongIM.Client.WKRoute' }
    @{ Cmdlet = 'Invoke-WKRestMethod'; Set = '__AllParameterSets'; Params = @{ Path = '/user/systemuids_add'; Method = 'POST'; Body = @{ uids = @('bot9') } }; Type = 'System.Collections.Specialized.OrderedDictionary' }
)
