#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Issue 11, the administrator's experience: what an admin reads in tables, errors and CSV files, in a real pwsh
    against the emulator through the built module (out/WuKongIM).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    Connect-WKServer -Uri $script:Uri
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-pester-admin-" + [guid]::NewGuid() + '.json')

    function Connect-Device([string] $Uid, [int] $DeviceFlag = 0, [int] $DeviceLevel = 1) {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/connections" -ContentType 'application/json' `
            -Body (@{ uid = $Uid; device_flag = $DeviceFlag; device_level = $DeviceLevel } | ConvertTo-Json)
    }

    # A table as text, wide enough that no header is cut.
    function Show-Table([Parameter(ValueFromPipeline)] $InputObject) {
        end { $input | Format-Table | Out-String -Width 400 }
    }
}

AfterAll {
    Stop-TestEmulator
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
}

Describe 'Item 4: a flag the server cannot report' {
    It 'shows SendBan as this session wrote it, and as unknown (not False) to another session' {
        New-WKChannel -ChannelId adm-sb -ChannelType Group -Subscriber a1 | Out-Null
        Set-WKChannel -ChannelId adm-sb -ChannelType Group -SendBan -WarningAction SilentlyContinue

        $mine = Get-WKChannel -ChannelId adm-sb -ChannelType Group
        $mine.SendBan | Should -BeTrue
        $mine.FlagSource | Should -Be 'ThisSession'
        ($mine | Show-Table) | Should -Match 'SendBan\s+FlagSource'
        ($mine | Show-Table) | Should -Match 'ThisSession'

        $other = Connect-WKServer -Uri $script:Uri -PassThru
        Connect-WKServer -Uri $script:Uri   # the default session again, for the tests after this one
        $theirs = Get-WKChannel -ChannelId adm-sb -ChannelType Group -Session $other
        $theirs.SendBan | Should -BeNullOrEmpty
        $theirs.SendBan | Should -Not -BeExactly $false
        $theirs.FlagSource | Should -Be 'Unknown'
    }

    It 'says so in the help and the README' {
        (Get-Help Get-WKChannel -Full | Out-String) | Should -Match 'unknown'
        (Get-Help Get-WKChannel -Full | Out-String) | Should -Match 'FlagSource'
        (Get-Help Set-WKChannel -Full | Out-String) | Should -Match 'ThisSession'
        (Get-Content (Join-Path $script:Repo 'README.md') -Raw) | Should -Match 'SendBan[^\n]*\n?[^\n]*unknown'
    }
}

Describe 'Item 5: Connect-WKServer reports failures as every other cmdlet does' {
    It 'reports a timeout as WKTimeout' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/faults" -ContentType 'application/json' `
            -Body (@{ latency_ms = 2500; path_prefix = '/health' } | ConvertTo-Json) | Out-Null
        try {
            { Connect-WKServer -Uri $script:Uri -TimeoutSec 1 -MaximumRetryCount 0 -ErrorAction Stop } | Should -Throw -ErrorId 'WKTimeout*'
        }
        finally {
            Invoke-RestMethod -Method Delete -Uri "$script:Uri/_emulator/faults" | Out-Null
        }
        (Get-WKSession).Uri.AbsoluteUri | Should -Be ($script:Uri + '/')
    }

    It 'says once that a refused connection could not be reached' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $closedPort = $listener.LocalEndpoint.Port
        $listener.Stop()
        $thrown = { Connect-WKServer -Uri "http://127.0.0.1:$closedPort" -MaximumRetryCount 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'WKConnectionFailed*' -PassThru
        [regex]::Matches($thrown.Exception.Message, 'could not be reached').Count | Should -Be 1
        [regex]::Matches($thrown.ToString(), 'could not be reached').Count | Should -Be 1
    }
}

Describe 'Item 9: English beside the server''s Chinese' {
    It 'shows DeviceFlag and DeviceLevel in the connection table, never the server''s Chinese text' {
        Connect-Device -Uid adm-dev -DeviceFlag 1 -DeviceLevel 1 | Out-Null
        $table = Get-WKConnection -Uid adm-dev | Show-Table
        $table | Should -Match 'DeviceFlag\s+DeviceLevel'
        $table | Should -Match 'Web\s+Master'
        $table | Should -Not -Match '[\u4e00-\u9fff]'
    }

    It 'keeps the server''s msg in the error and adds its English explanation' {
        $err = $null
        Invoke-WKRestMethod -Path /channel -Method POST -Body @{ channel_id = ' '; channel_type = 2 } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKBadRequest,*'
        $err[0].ErrorDetails.Message | Should -BeLike "*$([char]0x9891)$([char]0x9053)ID*"
        $err[0].ErrorDetails.Message | Should -BeLike '*(the channel id is empty)*'
        $err[0].Exception.ServerMessage | Should -Not -BeLike '*the channel id is empty*'
    }
}

Describe 'Item 10: message tables' {
    It 'have a ChannelId column, so rows of several channels can be told apart' {
        Send-WKMessage -ChannelId adm-m1 -ChannelType Group -Text 'one' -FromUid adm | Out-Null
        Send-WKMessage -ChannelId adm-m2 -ChannelType Group -Text 'two' -FromUid adm | Out-Null
        $rows = 'adm-m1', 'adm-m2' | ForEach-Object { Get-WKChannelMessage -ChannelId $_ -ChannelType Group -All }
        $table = $rows | Show-Table
        $table | Should -Match '(?m)^ChannelId\s'
        $table | Should -Match '(?m)^adm-m1\s'
        $table | Should -Match '(?m)^adm-m2\s'
    }
}

Describe 'Item 11: Uptime and Idle' {
    It 'are TimeSpans on connections and server status, with the server''s text kept' {
        Connect-Device -Uid adm-up -DeviceFlag 0 | Out-Null
        $conn = Get-WKConnection -Uid adm-up
        $conn.Uptime | Should -BeOfType ([timespan])
        $conn.Idle | Should -BeOfType ([timespan])
        $conn.UptimeText | Should -Match '^\d+s$|m|h|d'
        $status = Get-WKServerStatus
        $status.Uptime | Should -BeOfType ([timespan])
        $status.UptimeText | Should -Not -BeNullOrEmpty
        # Sorting and filtering work on the values.
        @(Get-WKConnection | Where-Object Uptime -ge ([timespan]::Zero) | Sort-Object Uptime).Count | Should -BeGreaterThan 0
    }
}

Describe 'Item 12: one vocabulary' {
    It 'names channel list counts as the cmdlets do (Blacklist, Whitelist)' {
        Add-WKChannelBlacklist -ChannelId adm-sb -ChannelType Group -Uid b1 | Out-Null
        $channel = Get-WKChannel -ChannelId adm-sb -ChannelType Group
        $names = $channel.PSObject.Properties.Name
        $names | Should -Contain 'BlacklistCount'
        $names | Should -Contain 'WhitelistCount'
        $names | Should -Not -Contain 'DenylistCount'
        $names | Should -Not -Contain 'AllowlistCount'
        ($channel | Show-Table) | Should -Match 'BlacklistCount\s+WhitelistCount'
    }

    It 'shows no old Until on the result of Unblock-WKUser' {
        Block-WKUser -Uid adm-unblk -Duration (New-TimeSpan -Hours 2) -Force -WarningAction SilentlyContinue | Out-Null
        $result = Unblock-WKUser -Uid adm-unblk -WarningAction SilentlyContinue
        $result.Action | Should -Be 'Unblocked'
        $result.Until | Should -BeNullOrEmpty
    }

    It 'heads the session table with the property names' {
        $table = Get-WKSession | Show-Table
        $table | Should -Match 'HasManagerToken'
        $table | Should -Match 'MaximumRetryCount'
        $table | Should -Not -Match '\bRetries\b'
        $table | Should -Not -Match '(?m)^\S+\s+Token\s'
    }
}

Describe 'Item 13: Export-Csv of every output type' {
    BeforeAll {
        # A .NET type name as a cell: System.Byte[], WuKongIM.Client.WKMessageHeader, ...
        $script:TypeName = '\b(System|WuKongIM|Microsoft)\.[A-Za-z0-9_.`]+'

        Register-WKUser -Uid adm-csv -DeviceFlag App | Out-Null
        Connect-Device -Uid adm-csv -DeviceFlag 0 | Out-Null
        New-WKChannel -ChannelId adm-csv -ChannelType Group -Subscriber adm-csv, adm-c2 | Out-Null
        Add-WKChannelWhitelist -ChannelId adm-csv -ChannelType Group -Uid adm-csv | Out-Null
        Send-WKMessage -ChannelId adm-csv -ChannelType Group -Payload @{ type = 1; content = 'hello' } -FromUid adm-csv | Out-Null
        $script:Stream = Send-WKMessage -ChannelId adm-csv -ChannelType Group -Text 'stream' -Stream -FromUid adm-csv
        $script:Stream | Add-WKMessageEvent -Text 'delta' | Out-Null
        # A closed stream has events to read back.
        $script:Closed = Send-WKMessage -ChannelId adm-csv -ChannelType Group -Text 'closed' -Stream -FromUid adm-csv
        $script:Closed | Add-WKMessageEvent -Text 'all of it' | Out-Null
        $script:Closed | Add-WKMessageEvent -EventType stream.close -Payload @{ end_reason = 1 } | Out-Null

        $export = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-adm-export-" + [guid]::NewGuid() + '.jsonl')
        $script:Outputs = [ordered]@{
            'Get-WKSession'               = { Get-WKSession }
            'Connect-WKServer -PassThru'  = { Connect-WKServer -Uri $script:Uri -PassThru }
            'Test-WKServer'               = { Test-WKServer }
            'Get-WKServerStatus'          = { Get-WKServerStatus -IncludeConnection }
            'Get-WKServerSetting'         = { Get-WKServerSetting }
            'Get-WKMigrationStatus'       = { Get-WKMigrationStatus }
            'Get-WKRoute'                 = { 'adm-csv', 'adm-c2' | Get-WKRoute }
            'Get-WKConnection'            = { Get-WKConnection -Uid adm-csv }
            'Get-WKOnlineStatus'          = { 'adm-csv' | Get-WKOnlineStatus }
            'Register-WKUser'             = { Register-WKUser -Uid adm-csv2 }
            'Get-WKUser'                  = { Get-WKUser -Uid adm-csv }
            'Get-WKUserDevice'            = { Get-WKUserDevice -Uid adm-csv }
            'Set-WKUserToken'             = { Set-WKUserToken -Uid adm-csv2 -Token 'adm-token-1' -DeviceFlag App -PassThru }
            'Get-WKSystemUser'            = { Add-WKSystemUser -Uid adm-bot | Out-Null; Get-WKSystemUser }
            'Add-WKSystemUser'            = { Add-WKSystemUser -Uid adm-bot2 }
            'Block-WKUser'                = { Block-WKUser -Uid adm-blk -Reason csv -Force }
            'Get-WKBlockedUser'           = { Get-WKBlockedUser }
            'Unblock-WKUser'              = { Unblock-WKUser -Uid adm-blk }
            'Add-WKUserBlocklist'         = { 'adm-c2' | Add-WKUserBlocklist -Uid adm-csv }
            'Get-WKUserBlocklist'         = { Get-WKUserBlocklist -Uid adm-csv }
            'Get-WKChannel'               = { Get-WKChannel -ChannelId adm-csv -ChannelType Group -IncludeLastMessage -IncludeMaxSeq }
            'Set-WKChannel -PassThru'     = { Set-WKChannel -ChannelId adm-csv -ChannelType Group -Large -PassThru -WarningAction SilentlyContinue }
            'Get-WKChannelSubscriber'     = { Get-WKChannelSubscriber -ChannelId adm-csv -ChannelType Group }
            'Add-WKChannelSubscriber'     = { Add-WKChannelSubscriber -ChannelId adm-csv -ChannelType Group -Uid adm-c3 }
            'Get-WKChannelWhitelist'      = { Get-WKChannelWhitelist -ChannelId adm-csv -ChannelType Group }
            'Send-WKMessage'              = { Send-WKMessage -ChannelId adm-csv -ChannelType Group -Text 'x' -FromUid adm-csv }
            'Send-WKMessage -ToUid'       = { Send-WKMessage -ToUid adm-c2, adm-c3 -Text 'x' -FromUid adm-csv }
            'Send-WKMessage -Subscribers' = { Send-WKMessage -Subscribers adm-c2, adm-c3 -Payload @{ cmd = 'x' } }
            'Get-WKChannelMessage'        = { Get-WKChannelMessage -ChannelId adm-csv -ChannelType Group -All }
            'Get-WKMessage'               = { Get-WKMessage -ChannelId adm-csv -ChannelType Group -Last }
            'Get-WKMessage -MaxSeq'       = { Get-WKMessage -ChannelId adm-csv -ChannelType Group -MaxSeq }
            'Add-WKMessageEvent'          = { $script:Stream | Add-WKMessageEvent -Text 'more' }
            'Get-WKMessageEvent'          = { $script:Closed | Get-WKMessageEvent }
            'Export-WKChannelMessage'     = { Export-WKChannelMessage -ChannelId adm-csv -ChannelType Group -Path $export -Force }
            'Get-WKConversation'          = { Get-WKConversation -Uid adm-c2 -RecentCount 2 }
            'Get-WKConversationChannel'   = { Get-WKConversationChannel -Uid adm-c2 }
            'Get-WKConversationChannel -Stored' = { Get-WKConversationChannel -Uid adm-c2 -Stored }
            'Get-WKTag'                   = { Get-WKTag -ChannelId adm-csv -ChannelType Group }
            'Get-WKNode'                  = { Get-WKNode }
            'Get-WKCluster'               = { Get-WKCluster }
            'Get-WKSlot'                  = { Get-WKSlot -SlotId 5 }
            'Get-WKSlotReplica'           = { Get-WKSlotReplica -SlotId 5 }
            'Get-WKChannelClusterConfig'  = { Get-WKChannelClusterConfig -ChannelId adm-csv -ChannelType Group }
            'Get-WKChannelReplica'        = { Get-WKChannelReplica -ChannelId adm-csv -ChannelType Group }
            'Get-WKNodeChannel'           = { Get-WKNodeChannel -NodeId 1001 }
            'Get-WKChannelRunStatus'      = { Get-WKChannelRunStatus -ChannelId adm-csv -ChannelType Group }
            'Get-WKClusterLog'            = { Get-WKClusterLog -NodeId 1001 }
            'Test-WKClusterLogConflict'   = { Test-WKClusterLogConflict -WarningAction SilentlyContinue }
        }
    }

    It 'covers every output type of the module that the emulator can produce' {
        $covered = foreach ($block in $script:Outputs.Values) { & $block | ForEach-Object { $_.GetType().FullName } }
        $declared = Get-Command -Module WuKongIM | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'WuKongIM.*' } | ForEach-Object FullName | Sort-Object -Unique
        # Results of every bulk verb are WKBulkItemResult and WKUserResult; both appear above.
        $missing = $declared | Where-Object { $_ -notin $covered }
        $missing | Should -BeNullOrEmpty
    }

    It '<_> exports cells with values, not .NET type names' -ForEach @(
        'Get-WKSession', 'Connect-WKServer -PassThru', 'Test-WKServer', 'Get-WKServerStatus', 'Get-WKServerSetting',
        'Get-WKMigrationStatus', 'Get-WKRoute', 'Get-WKConnection', 'Get-WKOnlineStatus', 'Register-WKUser', 'Get-WKUser',
        'Get-WKUserDevice', 'Set-WKUserToken', 'Get-WKSystemUser', 'Add-WKSystemUser', 'Block-WKUser', 'Get-WKBlockedUser',
        'Unblock-WKUser', 'Add-WKUserBlocklist', 'Get-WKUserBlocklist', 'Get-WKChannel', 'Set-WKChannel -PassThru',
        'Get-WKChannelSubscriber', 'Add-WKChannelSubscriber', 'Get-WKChannelWhitelist', 'Send-WKMessage',
        'Send-WKMessage -ToUid', 'Send-WKMessage -Subscribers', 'Get-WKChannelMessage', 'Get-WKMessage', 'Get-WKMessage -MaxSeq', 'Add-WKMessageEvent',
        'Get-WKMessageEvent', 'Export-WKChannelMessage', 'Get-WKConversation', 'Get-WKConversationChannel',
        'Get-WKConversationChannel -Stored', 'Get-WKTag', 'Get-WKNode', 'Get-WKCluster', 'Get-WKSlot', 'Get-WKSlotReplica',
        'Get-WKChannelClusterConfig', 'Get-WKChannelReplica', 'Get-WKNodeChannel', 'Get-WKChannelRunStatus', 'Get-WKClusterLog',
        'Test-WKClusterLogConflict'
    ) {
        $rows = @(& $script:Outputs[$_])
        $rows.Count | Should -BeGreaterThan 0
        $csv = $rows | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $bad = foreach ($row in $csv) {
            foreach ($p in $row.PSObject.Properties) {
                if ($p.Value -match $script:TypeName) { "$($p.Name) = $($p.Value)" }
            }
        }
        $bad | Should -BeNullOrEmpty
    }
}

Describe 'Item 14: the token cmdlets in bulk' {
    It '<_> takes -ThrottleLimit (1 to 64, default 8)' -ForEach 'Register-WKUser', 'Set-WKUserToken', 'Reset-WKUserToken' {
        $parameter = (Get-Command $_).Parameters['ThrottleLimit']
        $parameter | Should -Not -BeNullOrEmpty
        $range = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $range.MinRange | Should -Be 1
        $range.MaxRange | Should -Be 64
    }

    It 'register, set and rotate piped users several at a time, one result per user in input order' {
        $uids = 1..40 | ForEach-Object { "adm-bulk-$_" }
        ($uids | Register-WKUser -ThrottleLimit 8).Uid | Should -Be $uids
        $rows = $uids | ForEach-Object { [pscustomobject]@{ Uid = $_; Token = "adm-token-$_" } }
        ($rows | Set-WKUserToken -ThrottleLimit 8 -PassThru).Uid | Should -Be $uids
        ($uids | Reset-WKUserToken -ThrottleLimit 8).Uid | Should -Be $uids
    }

    It 'reports each failed user and goes on with the others' {
        $out = 'adm-ok-1', 'adm@bad', 'adm-ok-2' | Register-WKUser -ThrottleLimit 4 -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Uid | Should -Be @('adm-ok-1', 'adm-ok-2')
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKUidSpecialCharacter,*'
        $err[0].TargetObject | Should -Be 'adm@bad'
    }

    It 'shows progress from 1000 items, and none below' {
        $module = Join-Path $script:Repo 'out/WuKongIM/WuKongIM.psd1'
        $progressOf = {
            param([int] $Count, [string] $Prefix)
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$module'; Connect-WKServer '$script:Uri'; 1..$Count | ForEach-Object { '$Prefix' + `$_ } | Register-WKUser -ThrottleLimit 16 | Out-Null")
                $null = $ps.Invoke()
                $ps.HadErrors | Should -BeFalse
                @($ps.Streams.Progress)
            }
            finally {
                $ps.Dispose()
            }
        }
        $many = & $progressOf 1200 'adm-prog-'
        $many.Count | Should -BeGreaterThan 0
        $many[0].Activity | Should -Be 'Registering users'
        $many[-1].RecordType | Should -Be 'Completed'
        (& $progressOf 300 'adm-few-').Count | Should -Be 0
    }
}

Describe 'Item 15: input hygiene for lists' {
    It 'trims piped uids and skips blank lines with one warning giving the count (<_>)' -ForEach 'Register-WKUser', 'Reset-WKUserToken' {
        $lines = ' adm-trim-1 ', '', 'adm-trim-2', '   ', ''
        if ($_ -eq 'Reset-WKUserToken') { 'adm-trim-1', 'adm-trim-2' | Register-WKUser | Out-Null }
        $out = $lines | & $_ -WarningVariable warnings -WarningAction SilentlyContinue
        ($out.Uid | Select-Object -Unique) | Should -Be @('adm-trim-1', 'adm-trim-2')
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match '\b3 blank'
    }

    It 'trims list uids and skips blank lines with one warning giving the count (<Name>)' -ForEach @(
        @{ Name = 'Add-WKChannelSubscriber'; Change = { $args[0] | Add-WKChannelSubscriber -ChannelId adm-trim -ChannelType Group }; Read = { (Get-WKChannelSubscriber -ChannelId adm-trim -ChannelType Group).Uid } }
        @{ Name = 'Set-WKChannelBlacklist'; Change = { $args[0] | Set-WKChannelBlacklist -ChannelId adm-trim -ChannelType Group -Force }; Read = { (Get-WKChannelBlacklist -ChannelId adm-trim -ChannelType Group).Uid } }
        @{ Name = 'Add-WKUserBlocklist'; Change = { $args[0] | Add-WKUserBlocklist -Uid ' adm-owner ' }; Read = { (Get-WKUserBlocklist -Uid adm-owner).ListedUid } }
        @{ Name = 'Set-WKUserAllowlist'; Change = { $args[0] | Set-WKUserAllowlist -Uid adm-owner2 }; Read = { (Get-WKUserAllowlist -Uid adm-owner2).ListedUid } }
        @{ Name = 'Add-WKSystemUser'; Change = { $args[0] | Add-WKSystemUser }; Read = { (Get-WKSystemUser).Uid | Where-Object { $_ -like 'adm-list-*' } } }
        @{ Name = 'Get-WKOnlineStatus'; Change = { $args[0] | Get-WKOnlineStatus }; Read = { 'adm-list-1', 'adm-list-2' } }
    ) {
        New-WKChannel -ChannelId adm-trim -ChannelType Group -ErrorAction SilentlyContinue | Out-Null
        $lines = ' adm-list-1 ', '', 'adm-list-2', "`t", ''
        $out = & $Change $lines 3>&1
        # Only the blank-line warning counts here (the allowlist cmdlets also warn about whitelistOffOfPerson).
        $warnings = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -match 'blank' })
        $rows = @($out | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        @($rows | ForEach-Object { if ($_.ListedUid) { $_.ListedUid } else { $_.Uid } }) | Should -Be @('adm-list-1', 'adm-list-2')
        @(& $Read | Sort-Object) | Should -Be @('adm-list-1', 'adm-list-2')
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match '\b3 blank uids'
    }

    It 'still refuses an explicitly empty -Uid' {
        { Register-WKUser -Uid '' -ErrorAction Stop } | Should -Throw -ErrorId 'WKUidEmpty*'
    }

    It 'says so in the help' {
        (Get-Help Register-WKUser -Parameter Uid | Out-String) | Should -Match 'trimmed'
    }
}
