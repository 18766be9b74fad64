#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The cluster cmdlets against a 3-node emulator (nodes 1001-1003) with two manager users: admin (*:rw) and reader (*:r).
    Kept plain: call the cmdlets, look at what comes back.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    $script:AdminPassword = 'pester-admin-pw-7Hq'
    $script:ReaderPassword = 'pester-reader-pw-2Lm'
    Start-TestEmulator -Nodes 3 -ExtraArgs @('--manager-user', "admin:$($script:AdminPassword):*:rw", '--manager-user', "reader:$($script:ReaderPassword):*:r")
    Connect-WKServer -Uri $script:Uri

    function New-TestCredential([string] $User, [string] $Password) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }

    function Connect-Device([string] $Uid, [uint64] $NodeId) {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/connections" -ContentType 'application/json' `
            -Body (@{ uid = $Uid; device_flag = 1; node_id = $NodeId } | ConvertTo-Json)
    }

    # Node 1001 may be the one taken offline, so control requests go to a node that stays up.
    function Set-NodeOnline([uint64] $NodeId, [bool] $Online) {
        $via = if ($NodeId -eq 1001) { $script:NodeUris[1] } else { $script:NodeUris[0] }
        Invoke-RestMethod -Method Post -Uri "$via/_emulator/nodes/$NodeId/$(if ($Online) { 'online' } else { 'offline' })" | Out-Null
    }

    function Reset-Stats { Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Reading the cluster' {
    It 'Get-WKNode shows the 3 nodes with English status names' {
        $nodes = Get-WKNode
        $nodes.NodeId | Should -Be @(1001, 1002, 1003)
        $nodes | ForEach-Object { $_.Online | Should -BeTrue; $_.Status | Should -Be 'Joined'; $_.Uptime | Should -BeOfType ([timespan]) }
        $table = $nodes | Out-String
        $table | Should -Match 'Joined'
        $table | Should -Not -Match ([regex]::Escape([string][char]0x5DF2))
        (Get-WKNode -Local).NodeId | Should -Be 1001
        (Get-WKNode -Simple | Where-Object Uptime) | Should -BeNullOrEmpty
        Get-WKNode -NodeId 4242 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKNotFound,*'
    }

    It 'Get-WKCluster and Get-WKSlot read the configuration and the slots' {
        (Get-WKCluster).SlotCount | Should -Be 64
        $slots = Get-WKSlot
        $slots.Count | Should -Be 64
        ($slots.LeaderId | Sort-Object -Unique).Count | Should -Be 3
        $five = Get-WKSlot -SlotId 5 -IncludeConfig -IncludeReplica
        $five.Config.SlotId | Should -Be 5
        $five.ReplicaDetails.Count | Should -Be 3
        @(Get-WKSlot -SlotId 5 | Get-WKSlotReplica | Where-Object Role -eq 'Leader').Count | Should -Be 1
        (Get-WKSlot -LeaderId 1002).LeaderId | Sort-Object -Unique | Should -Be 1002
    }

    It 'reads a channel raft group, the channels led from each node, its run status and the logs' {
        $channel = 'pester-cc-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Send-WKMessage -ChannelId $channel -ChannelType Group -FromUid u1 -Text 'hello' | Out-Null
        $config = Get-WKChannelClusterConfig -ChannelId $channel
        $config.Replicas.Count | Should -Be 3
        (Get-WKChannelReplica -ChannelId $channel | Where-Object Role -eq 'Leader').ReplicaId | Should -Be $config.LeaderId
        $row = Get-WKNode | Get-WKNodeChannel | Where-Object ChannelId -eq $channel
        @($row).Count | Should -Be 1
        $row.LastAppendTime | Should -BeOfType ([timespan])
        (Get-WKChannelRunStatus -ChannelId $channel).LastMsgSeq | Should -Be 1
        $logs = Get-WKClusterLog -NodeId 1002 -First 3
        $logs.Count | Should -Be 3
        $logs | ForEach-Object { $_.NodeId | Should -Be 1002 }
        Get-WKClusterLog -NodeId 4242 -First 1 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKInvalidNodeId,*'
    }
}

Describe 'The two routes an administrator rarely needs' {
    It 'Test-WKClusterLogConflict says that v2.2.5 ran no check, with a warning, instead of reporting agreement' {
        Reset-Stats
        $result = Test-WKClusterLogConflict -LogType Slot -StartLogIndex 7 -WarningVariable warn -WarningAction SilentlyContinue
        $result.Checked | Should -BeFalse
        $result.Response | Should -BeNullOrEmpty
        $result.LogType | Should -Be 'Slot'
        $result.StartLogIndex | Should -Be 7
        $warn[0].Message | Should -Match 'ran no log conflict check'
        ($result | Out-String) | Should -Match 'Checked'
        $stats = Invoke-RestMethod "$script:Uri/_emulator/stats"
        $stats.requests.'GET /cluster/devtools/checkLogConflict' | Should -Be 1
    }

    It 'Get-WKMessageEvent -ViaCluster reads the same lanes through the cluster relay' {
        $m = Send-WKMessage -ChannelId relay1 -ChannelType Group -FromUid bot -Text '...' -Stream
        $m | Add-WKMessageEvent -Text 'relayed' | Out-Null
        $m | Add-WKMessageEvent -EventType stream.close | Out-Null
        Reset-Stats
        $relayed = $m | Get-WKMessageEvent -ViaCluster
        $direct = $m | Get-WKMessageEvent
        $relayed.Count | Should -BeGreaterThan 0
        ($relayed | ForEach-Object { "$($_.EventKey)=$($_.Text)" }) | Should -Be ($direct | ForEach-Object { "$($_.EventKey)=$($_.Text)" })
        $stats = Invoke-RestMethod "$script:Uri/_emulator/stats"
        $stats.requests.'POST /cluster/message/eventsync' | Should -Be 1
    }
}

Describe 'The channel allowlist from the slot leader' {
    It 'Get-WKChannelWhitelist -UidOnly gives the same uids through every node' {
        $channel = 'pester-al-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        'ua', 'ub' | Add-WKChannelWhitelist -ChannelId $channel | Out-Null
        foreach ($node in $script:NodeUris) {
            $session = Connect-WKServer -Uri $node -PassThru
            try {
                $rows = Get-WKChannelWhitelist -ChannelId $channel -UidOnly -Session $session
                $rows | ForEach-Object { $_ | Should -BeOfType ([WuKongIM.Client.WKChannelMember]) }
                $rows.Uid | Sort-Object | Should -Be @('ua', 'ub')
            }
            finally { Disconnect-WKServer -Session $session }
        }
        Connect-WKServer -Uri $script:Uri
    }
}

Describe 'Node-local data from every node' {
    It 'Get-WKConnection -AllNodes returns the connections of all 3 nodes, each tagged with its node' {
        $uid = 'pester-all-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        1001, 1002, 1003 | ForEach-Object { Connect-Device $uid $_ | Out-Null }
        @(Get-WKConnection -Uid $uid).Count | Should -Be 1
        $rows = Get-WKConnection -Uid $uid -AllNodes
        $rows.NodeId | Should -Be @(1001, 1002, 1003)
        ($rows | Format-Table | Out-String -Width 400) | Should -Match '1003'
    }

    It 'reports an offline node as an error and still returns the other two' {
        $uid = 'pester-off-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        1001, 1002, 1003 | ForEach-Object { Connect-Device $uid $_ | Out-Null }
        Set-NodeOnline 1002 $false
        try {
            $rows = Get-WKConnection -Uid $uid -AllNodes -ErrorVariable err -ErrorAction SilentlyContinue
            $rows.NodeId | Should -Be @(1001, 1003)
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'WKNodeOffline,*'
            $err[0].TargetObject.NodeId | Should -Be 1002
            $err[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'

            $status = Get-WKServerStatus -AllNodes -ErrorVariable statusErr -ErrorAction SilentlyContinue
            $status.NodeId | Should -Be @(1001, 1003)
            $statusErr[0].FullyQualifiedErrorId | Should -BeLike 'WKNodeOffline,*'
        }
        finally {
            Set-NodeOnline 1002 $true
        }
    }

    It 'Get-WKServerStatus -AllNodes gives one status per node' {
        (Get-WKServerStatus -AllNodes).NodeId | Should -Be @(1001, 1002, 1003)
    }

    It 'Disconnect-WKConnection closes each connection on the node that holds it' {
        $uid = 'pester-kick-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        1001, 1002, 1003 | ForEach-Object { Connect-Device $uid $_ | Out-Null }
        Get-WKConnection -Uid $uid -AllNodes | Disconnect-WKConnection -Force -Confirm:$false
        Get-WKConnection -Uid $uid -AllNodes | Should -BeNullOrEmpty
    }

    It 'Get-WKConversationMessage reads the same messages through every node' {
        # /conversation/syncMessages is not forwarded: it reads the store of the node asked. In a 3-node cluster with
        # 3 channel replicas every node holds every channel, so the answer is the same through any node; in a larger
        # cluster only the channel's replicas hold it (see the help's NOTES).
        $channel = 'pester-cm-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Send-WKMessage -ChannelId $channel -ChannelType Group -FromUid u2 -Text 'same everywhere' | Out-Null
        $answers = foreach ($node in $script:NodeUris) {
            $session = Connect-WKServer -Uri $node -PassThru
            try { (Get-WKConversationMessage -Uid u2 -ChannelId $channel -ChannelType Group -Session $session).Text }
            finally { Disconnect-WKServer -Session $session }
        }
        $answers | Should -Be @('same everywhere', 'same everywhere', 'same everywhere')
        Connect-WKServer -Uri $script:Uri
    }
}

Describe 'Find-WKMessage' {
    BeforeAll {
        $script:Big = 'pester-big-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        # The only fill of this emulator: every message with "message number" is in this channel.
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/messages/fill" -ContentType 'application/json' `
            -Body (@{ channel_id = $script:Big; channel_type = 2; count = 10000 } | ConvertTo-Json) | Out-Null
    }

    It 'pages a 10,000-message search across channels without gap or duplicate (message id cursor)' {
        Reset-Stats
        $found = Find-WKMessage -Text 'message number' -All -PageSize 300
        $found.Count | Should -Be 10000
        ($found.MessageId | Sort-Object -Unique).Count | Should -Be 10000
        $found[0].MessageSeq | Should -Be 10000
        $found[-1].MessageSeq | Should -Be 1
        (Compare-Object ($found.MessageSeq) (10000..1) -SyncWindow 0) | Should -BeNullOrEmpty
        Get-EmulatorCount 'GET /cluster/messages' | Should -Be 34
    }

    It 'pages the same search within the channel without gap or duplicate (message seq cursor)' {
        Reset-Stats
        $found = Find-WKMessage -Text 'message number' -ChannelId $script:Big -ChannelType Group -All -PageSize 300
        (Compare-Object ($found.MessageSeq) (10000..1) -SyncWindow 0) | Should -BeNullOrEmpty
        ($found.MessageId | Sort-Object -Unique).Count | Should -Be 10000
        Get-EmulatorCount 'GET /cluster/messages' | Should -Be 34
        $found[0].Preview | Should -Be 'message number 10000'
        $found[0].StoredChannelId | Should -Be $script:Big
    }

    It 'stops at -First and asks for no further page' {
        Reset-Stats
        (Find-WKMessage -Text 'message number' -First 5).Count | Should -Be 5
        Get-EmulatorCount 'GET /cluster/messages' | Should -Be 1
    }

    It 'finds one message by its id, decoded exactly' {
        $sent = Send-WKMessage -ChannelId 'pester-one' -ChannelType Group -FromUid u9 -Text 'exactly this one'
        $found = Find-WKMessage -MessageId $sent.MessageId
        $found.MessageId | Should -Be $sent.MessageId
        $found.Text | Should -Be 'exactly this one'
        $found | Should -BeOfType ([WuKongIM.Client.WKMessage])
    }

    It 'derives the stored id of a person channel from both uids' {
        Send-WKMessage -ChannelId 'pester-bob' -ChannelType Person -FromUid 'pester-alice' -Text 'hi bob' | Out-Null
        $found = Find-WKMessage -ChannelId 'pester-bob' -ChannelType Person -LoginUid 'pester-alice'
        $found.Text | Should -Be 'hi bob'
        Find-WKMessage -ChannelId 'pester-bob' -ChannelType Person -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKPersonChannelNeedsUid,*'
    }
}

Describe 'Manager login and topology actions' {
    BeforeAll {
        $script:Channel = 'pester-topo-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Send-WKMessage -ChannelId $script:Channel -ChannelType Group -FromUid u1 -Text 'activate' | Out-Null
    }

    AfterEach {
        Connect-WKServer -Uri $script:Uri
    }

    It 'refuses every topology action without -Credential, sending nothing' {
        Connect-WKServer -Uri $script:Uri
        $slot = Get-WKSlot -SlotId 4
        Reset-Stats
        Invoke-WKSlotElection -SlotId 3 -Force -ErrorVariable e1 -ErrorAction SilentlyContinue
        # Source and target are the same on purpose: the missing login is reported before anything about the input.
        Move-WKSlotReplica -SlotId 4 -FromNodeId $slot.LeaderId -ToNodeId $slot.LeaderId -Force -ErrorVariable e2 -ErrorAction SilentlyContinue
        Stop-WKClusterChannel -ChannelId $script:Channel -Force -ErrorVariable e3 -ErrorAction SilentlyContinue
        Start-WKClusterChannel -ChannelId $script:Channel -Force -ErrorVariable e4 -ErrorAction SilentlyContinue
        Move-WKChannelReplica -ChannelId $script:Channel -FromNodeId 1001 -ToNodeId 1002 -Force -ErrorVariable e5 -ErrorAction SilentlyContinue
        foreach ($e in $e1, $e2, $e3, $e4, $e5) {
            $e.Count | Should -Be 1
            $e[0].FullyQualifiedErrorId | Should -BeLike 'WKManagerLoginRequired,*'
        }
        (Invoke-RestMethod -Uri "$script:Uri/_emulator/stats").requests.PSObject.Properties.Name | Where-Object { $_ -like 'POST /cluster/*' } | Should -BeNullOrEmpty
    }

    It 'refuses a user without the w permission with WKPermissionDenied' {
        Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential reader $script:ReaderPassword)
        (Get-WKSession).ManagerLogin.Permissions | Should -Be '*:r'
        Invoke-WKSlotElection -SlotId 3 -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKPermissionDenied,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].ErrorDetails.Message | Should -Be ([string][char]0x6CA1 + [char]0x6709 + [char]0x6743 + [char]0x9650)
    }

    It 'carries out every topology action for a user with the w permission' {
        Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential admin $script:AdminPassword)
        $before = (Get-WKSlot -SlotId 3).LeaderId
        (Invoke-WKSlotElection -SlotId 3 -Force -PassThru).LeaderId | Should -Not -Be $before

        $slot = Get-WKSlot -SlotId 4
        $follower = $slot.Replicas | Where-Object { $_ -ne $slot.LeaderId } | Select-Object -First 1
        (Move-WKSlotReplica -SlotId 4 -FromNodeId $slot.LeaderId -ToNodeId $follower -Force -PassThru).LeaderId | Should -Be $follower

        Stop-WKClusterChannel -ChannelId $script:Channel -Force -ErrorAction Stop
        (Get-WKChannelRunStatus -ChannelId $script:Channel -NodeId (Get-WKChannelClusterConfig $script:Channel).LeaderId).Running | Should -BeFalse
        Start-WKClusterChannel -ChannelId $script:Channel -Force -ErrorAction Stop
        (Get-WKChannelRunStatus -ChannelId $script:Channel -NodeId (Get-WKChannelClusterConfig $script:Channel).LeaderId).Running | Should -BeTrue

        $config = Get-WKChannelClusterConfig $script:Channel
        $other = $config.Replicas | Where-Object { $_ -ne $config.LeaderId } | Select-Object -First 1
        Move-WKChannelReplica -ChannelId $script:Channel -FromNodeId $config.LeaderId -ToNodeId $other -Force -ErrorAction Stop
    }

    It 'names the refusal when the source node holds no replica' {
        Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential admin $script:AdminPassword)
        Move-WKSlotReplica -SlotId 4 -FromNodeId 4242 -ToNodeId 1001 -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKNotInReplicas,*'
    }

    It 'changes nothing under -WhatIf' {
        Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential admin $script:AdminPassword)
        $before = (Get-WKSlot -SlotId 7).LeaderId
        Reset-Stats
        Invoke-WKSlotElection -SlotId 7 -WhatIf
        Invoke-WKSlotElection -SlotId 7 -Force -WhatIf
        (Get-WKSlot -SlotId 7).LeaderId | Should -Be $before
        Get-EmulatorCount 'POST /cluster/slots/7/election' | Should -Be 0
    }

    It 'fails Connect-WKServer with WKManagerLoginFailed on a wrong password, without showing it' {
        { Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential admin 'wrong-pw-Zx81') -ErrorAction Stop } |
            Should -Throw -ErrorId 'WKManagerLoginFailed*'
        try { Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential admin 'wrong-pw-Zx81') -ErrorAction Stop }
        catch { ($_ | Format-List * -Force | Out-String) + $_.Exception.ToString() | Should -Not -Match 'wrong-pw-Zx81' }
    }

    It 'never shows the password or the JWT: output, verbose and debug, ToString, Export-Clixml' {
        $session = Connect-WKServer -Uri $script:Uri -Credential (New-TestCredential admin $script:AdminPassword) -PassThru -Verbose -Debug 4>&1 5>&1
        $streams = $session | Where-Object { $_ -isnot [WuKongIM.PowerShell.WKSession] } | Out-String
        $session = $session | Where-Object { $_ -is [WuKongIM.PowerShell.WKSession] }
        $action = Invoke-WKSlotElection -SlotId 9 -Force -Session $session -Verbose -Debug 4>&1 5>&1 | Out-String
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-session-" + [guid]::NewGuid() + '.xml')
        try {
            $session | Export-Clixml -Path $file -Depth 6
            $text = $streams + $action + ($session | Format-List * -Force | Out-String) + $session.ToString() + $session.ManagerLogin.ToString() + (Get-Content -Raw $file)
        }
        finally {
            Remove-Item $file -ErrorAction SilentlyContinue
        }
        $text | Should -Match 'manager/login'
        $text | Should -Not -Match ([regex]::Escape($script:AdminPassword))
        # A JWT always starts with the base64 of '{"': eyJ.
        $text | Should -Not -Match 'eyJ'
        $session.ManagerUser | Should -Be 'admin'
        $session.ManagerLogin.ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(29))
        Disconnect-WKServer -Session $session
    }
}

Describe 'README' {
    It 'runs the Cluster section''s PowerShell examples' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $section = [regex]::Match($readme, '(?ms)^## Cluster\s*$(.*?)^## ').Groups[1].Value
        $blocks = [regex]::Matches($section, '(?ms)^```powershell\s*$(.*?)^```') | ForEach-Object { $_.Groups[1].Value }
        $blocks.Count | Should -BeGreaterOrEqual 4
        foreach ($block in $blocks) {
            # The README's emulator listens on 5001; this one on a free port. Its admin password is this file's.
            $code = "`$ErrorActionPreference = 'Stop'`n" + $block.Replace('http://127.0.0.1:5001', $script:Uri).Replace("'secret'", "'$($script:AdminPassword)'")
            { & ([scriptblock]::Create($code)) | Out-String | Out-Null } | Should -Not -Throw
        }
        Connect-WKServer -Uri $script:Uri
    }
}
