#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The Channels cmdlets against the emulator, through the built module (out/WuKongIM). Run by ./build.ps1 -Test on a
    machine with pwsh and Pester 5, after `dotnet build -c Release`. Plain on purpose: call the cmdlets, look at what
    comes back and at the emulator's request counters.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Channels' {
    BeforeAll {
        Connect-WKServer -Uri $script:Uri
    }

    It 'subscribes 100000 piped uids in ceil(N / BatchSize) requests, one result per uid' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $results = 1..100000 | ForEach-Object { "u$_" } | Add-WKChannelSubscriber -ChannelId pg1 -ChannelType Group
        Get-EmulatorCount 'POST /channel/subscriber_add' | Should -Be 100
        $results.Count | Should -Be 100000
        ($results | Where-Object Status -ne 'Succeeded').Count | Should -Be 0
        (Get-WKChannelSubscriber -ChannelId pg1).Count | Should -Be 100000
    }

    It 'reports a repeated uid once more, as Skipped, and sends it once' {
        $results = 'r1', 'r2', 'r1' | Add-WKChannelSubscriber -ChannelId pg8
        $results.Count | Should -Be 3
        ($results | Where-Object Status -eq 'Succeeded').Uid | Should -Be @('r1', 'r2')
        ($results | Where-Object Status -eq 'Skipped').Uid | Should -Be 'r1'
        (Get-WKChannelSubscriber -ChannelId pg8).Count | Should -Be 2
    }

    It 'empties a member list with -All -Force without prompting (Remove-WKChannelSubscriber is ConfirmImpact High)' {
        Add-WKChannelSubscriber -ChannelId pg9 -Uid a1, a2 | Out-Null
        Remove-WKChannelSubscriber -ChannelId pg9 -All -Force
        Get-WKChannelSubscriber -ChannelId pg9 | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        1..2500 | ForEach-Object { "w$_" } | Add-WKChannelSubscriber -ChannelId pg2 -WhatIf
        Get-EmulatorCount 'POST /channel/subscriber_add' | Should -Be 0
    }

    It 'refuses person-channel subscribers before any request' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $null = Add-WKChannelSubscriber -ChannelId alice -ChannelType Person -Uid bob -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKInvalidArgument*'
        Get-EmulatorCount 'POST /channel/subscriber_add' | Should -Be 0
    }

    It 'keeps the ban when another flag changes and warns about unreadable flags' {
        New-WKChannel -ChannelId pg3 -Ban
        Set-WKChannel -ChannelId pg3 -Disband -WarningVariable warn -WarningAction SilentlyContinue
        $channel = Get-WKChannel -ChannelId pg3 -ChannelType Group
        $channel.Ban | Should -BeTrue
        $channel.Disband | Should -BeTrue
        Block-WKChannel -ChannelId pg3 -Session (Connect-WKServer -Uri $script:Uri -PassThru) -WarningVariable warn2 -WarningAction SilentlyContinue
        $warn2 | Should -Not -BeNullOrEmpty
    }

    It 'filters banned channels on the client' {
        New-WKChannel -ChannelId pg4 -ChannelType Info -Ban
        New-WKChannel -ChannelId pg5 -ChannelType Info
        (Get-WKChannel -ChannelType Info -Banned).ChannelId | Should -Contain 'pg4'
        (Get-WKChannel -ChannelType Info -Banned).ChannelId | Should -Not -Contain 'pg5'
    }

    It 'round-trips blacklists and whitelists, with whitelist ids as UInt64' {
        Add-WKChannelBlacklist -ChannelId pg6 -Uid b1, b2 | Out-Null
        (Get-WKChannelBlacklist -ChannelId pg6).Uid | Sort-Object | Should -Be @('b1', 'b2')
        Add-WKChannelWhitelist -ChannelId pg6 -Uid carol | Out-Null
        $entry = Get-WKChannelWhitelist -ChannelId pg6
        $entry.Id | Should -Be ([UInt64]'12663155935008590962')
        $entry.Id | Should -BeOfType [UInt64]
        Remove-WKChannelWhitelist -ChannelId pg6 -All -Force
        Get-WKChannelWhitelist -ChannelId pg6 | Should -BeNullOrEmpty
    }

    It 'disbands with Remove-WKChannel and keeps the members' {
        New-WKChannel -ChannelId pg7 -Subscriber 'a;b'
        Remove-WKChannel -ChannelId pg7 -Force
        $channel = Get-WKChannel -ChannelId pg7 -ChannelType Group
        $channel.Disband | Should -BeTrue
        $channel.SubscriberCount | Should -Be 2
    }

    It 'leaves the message columns empty, without an error, for a channel that has no message' {
        New-WKChannel -ChannelId pg10
        $channel = Get-WKChannel -ChannelId pg10 -ChannelType Group -IncludeLastMessage -IncludeMaxSeq -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $channel.LastMessage | Should -BeNullOrEmpty
        $channel.MaxMessageSeq | Should -Be 0
    }
}
