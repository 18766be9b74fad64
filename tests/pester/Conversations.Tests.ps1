#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The Conversations cmdlets against the emulator, through the built module (out/WuKongIM). Run by ./build.ps1 -Test on a
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

Describe 'Conversations' {
    BeforeAll {
        Connect-WKServer -Uri $script:Uri
        $script:U1 = 'pu' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        $script:U2 = 'pu' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        $script:G1 = 'pg' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        $script:G2 = 'pg' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        Add-WKChannelSubscriber -ChannelId $script:G1 -Uid $script:U1, $script:U2 | Out-Null
        Add-WKChannelSubscriber -ChannelId $script:G2 -Uid $script:U1, $script:U2 | Out-Null
        Send-WKMessage -ChannelId $script:G1 -ChannelType Group -FromUid $script:U2 -Text 'one' | Out-Null
        Send-WKMessage -ChannelId $script:G1 -ChannelType Group -FromUid $script:U2 -Text 'two' | Out-Null
        Send-WKMessage -ChannelId $script:G2 -ChannelType Group -FromUid $script:U2 -Text 'three' | Out-Null
    }

    It 'lists conversations without recents unless asked, and with them when asked' {
        $all = @(Get-WKConversation -Uid $script:U1)
        $all.Count | Should -Be 2
        ($all | Where-Object ChannelId -eq $script:G1).Unread | Should -Be 2
        $all | ForEach-Object { $_.Recents.Count | Should -Be 0 }
        (Get-WKConversation -Uid $script:U1 -RecentCount 1 | Where-Object ChannelId -eq $script:G1).Recents[0].Text | Should -Be 'two'
    }

    It 'clears what the filter lets through' {
        Get-WKConversation -Uid $script:U1 | Where-Object Unread -gt 0 | Clear-WKConversationUnread
        Get-WKConversation -Uid $script:U1 | ForEach-Object { $_.Unread | Should -Be 0 }
    }

    It 'refuses to raise an unread count and sends nothing' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        Set-WKConversationUnread -Uid $script:U1 -ChannelId $script:G1 -Unread 3 -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WKUnreadCannotBeRaised,*'
        Get-EmulatorCount 'POST /conversations/setUnread' | Should -Be 0
    }

    It 'removes a conversation until the next message' {
        Get-WKConversation -Uid $script:U1 -ChannelId $script:G2 | Remove-WKConversation -Confirm:$false
        @(Get-WKConversation -Uid $script:U1 | Where-Object ChannelId -eq $script:G2).Count | Should -Be 0
        (Get-WKConversationChannel -Uid $script:U1 -Stored | Where-Object ChannelId -eq $script:G2) | Should -Not -BeNullOrEmpty
    }

    It 'reads the recent messages of piped conversations' {
        $messages = @(Get-WKConversation -Uid $script:U2 | Get-WKConversationMessage -Count 1)
        $messages.Count | Should -Be 2
    }
}
