#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The Users and Connections cmdlets against the emulator, through the built module (out/WuKongIM). Run by
    ./build.ps1 -Test on a machine with pwsh and Pester 5. Kept plain: call the cmdlets, look at what comes back.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator

    Connect-WKServer -Uri $script:Uri
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-pester-state-" + [guid]::NewGuid() + '.json')

    function Connect-Device([string] $Uid, [int] $DeviceFlag = 0) {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/connections" -ContentType 'application/json' `
            -Body (@{ uid = $Uid; device_flag = $DeviceFlag } | ConvertTo-Json)
    }
}

AfterAll {
    Stop-TestEmulator
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
}

Describe 'Register-WKUser and the device listing' {
    It 'hands a generated token on once and masks it afterwards' {
        $row = [pscustomobject]@{ Uid = 'pester-reg'; DeviceFlag = 'Web'; Token = '' }
        $issued = $row | Register-WKUser
        $issued.Token.Length | Should -Be 43
        $issued.Generated | Should -BeTrue
        $device = Get-WKUserDevice -Uid pester-reg
        $device.Token | Should -Be '********'
        (Get-WKUserDevice -Uid pester-reg -IncludeToken).Token | Should -Be $issued.Token
        (Get-WKUserDevice -Uid pester-reg | Format-Table | Out-String) | Should -Not -Match ([regex]::Escape($issued.Token))
    }

    It 'refuses bad uids with specific error ids' {
        { Register-WKUser -Uid 'a@b' -ErrorAction Stop } | Should -Throw -ErrorId 'WKUidSpecialCharacter*'
        { Register-WKUser -Uid '' -ErrorAction Stop } | Should -Throw -ErrorId 'WKUidEmpty*'
    }
}

Describe 'Get-WKOnlineStatus' {
    It 'returns a row per uid, offline ones included, in ceil(N/batch) requests' {
        Connect-Device -Uid 'pester-on-1' -DeviceFlag 1 | Out-Null
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $rows = 1..2500 | ForEach-Object { "pester-on-$_" } | Get-WKOnlineStatus -BatchSize 1000
        $rows.Count | Should -Be 2500
        ($rows | Where-Object Online).Uid | Should -Be 'pester-on-1'
        Get-EmulatorCount 'POST /user/onlinestatus' | Should -Be 3
    }
}

Describe 'System users' {
    It 'adds, lists and removes' {
        'pester-bot1', 'pester-bot2' | Add-WKSystemUser | ForEach-Object Status | Should -Be @('Succeeded', 'Succeeded')
        (Get-WKSystemUser).Uid | Should -Contain 'pester-bot1'
        Get-WKSystemUser | Remove-WKSystemUser | Out-Null
        Get-WKSystemUser | Should -BeNullOrEmpty
    }
}

Describe 'Connections' {
    It 'lists a user''s connections and kicks them from the pipeline' {
        Connect-Device -Uid 'pester-conn' | Out-Null
        Connect-Device -Uid 'pester-conn' | Out-Null
        (Get-WKConnection -Uid pester-conn).Count | Should -Be 2
        Get-WKConnection -Uid pester-conn | Disconnect-WKConnection
        Get-WKConnection -Uid pester-conn | Should -BeNullOrEmpty
    }
}

Describe 'Blocking' {
    It 'blocks with a duration, lists the block and unblocks' {
        Register-WKUser -Uid pester-blk | Out-Null
        $result = Block-WKUser -Uid pester-blk -Duration (New-TimeSpan -Hours 1) -Reason 'pester' -Force -WarningAction SilentlyContinue
        $result.Action | Should -Be 'Blocked'
        { Set-WKUserToken -Uid pester-blk -Token t -ErrorAction Stop } | Should -Throw -ErrorId 'WKBanned*'
        (Get-WKBlockedUser | Where-Object Uid -eq 'pester-blk').Reason | Should -Be 'pester'
        (Sync-WKUserBlock | Where-Object Uid -eq 'pester-blk').Action | Should -Be 'Kept'
        (Unblock-WKUser -Uid pester-blk).Action | Should -Be 'Unblocked'
        Set-WKUserToken -Uid pester-blk -Token t -PassThru | ForEach-Object Status | Should -Be 'Succeeded'
    }
}

Describe 'Per-user lists' {
    It 'adds, reads and removes blocklist entries through the pipeline' {
        'x1', 'x2' | Add-WKUserBlocklist -Uid pester-owner | Out-Null
        (Get-WKUserBlocklist -Uid pester-owner).ListedUid | Sort-Object | Should -Be @('x1', 'x2')
        Get-WKUserBlocklist -Uid pester-owner | Remove-WKUserBlocklist | Out-Null
        Get-WKUserBlocklist -Uid pester-owner | Should -BeNullOrEmpty
    }

    It 'replaces an allowlist' {
        Set-WKUserAllowlist -Uid pester-owner -AllowedUid a1, a2 -WarningAction SilentlyContinue | Out-Null
        (Get-WKUserAllowlist -Uid pester-owner).ListedUid | Sort-Object | Should -Be @('a1', 'a2')
        Remove-WKUserAllowlist -Uid pester-owner -All -Force | Out-Null
        Get-WKUserAllowlist -Uid pester-owner | Should -BeNullOrEmpty
    }
}

Describe 'Block-WKUser with -Debug in a non-interactive host (issue 12 item 13)' {
    It 'keeps the result row of a block that was applied' {
        # -Debug turns the request log's verbose lines into "Continue?" questions, which this host cannot ask.
        $row = Block-WKUser -Uid pester-debug -Force -Debug -ErrorAction Stop 5>$null
        $row.Uid | Should -Be 'pester-debug'
        $row.Action | Should -Be 'Blocked'
        $row.Banned | Should -BeTrue
        Unblock-WKUser -Uid pester-debug | Out-Null
    }
}

Describe 'A replace never wipes a list with refused uids (issue 12 item 1)' {
    It 'leaves the <Name> list as it is when every uid is blank' -ForEach @(
        @{ Name = 'blocklist'; Add = { Add-WKUserBlocklist -Uid pester-keep -BlockedUid k1, k2 }; Set = { Set-WKUserBlocklist -Uid pester-keep -BlockedUid '', '  ' -Confirm:$false -ErrorVariable script:err -ErrorAction SilentlyContinue }; Get = { (Get-WKUserBlocklist -Uid pester-keep).ListedUid } }
        @{ Name = 'allowlist'; Add = { Add-WKUserAllowlist -Uid pester-keep -AllowedUid k1, k2 }; Set = { Set-WKUserAllowlist -Uid pester-keep -AllowedUid '', '  ' -Confirm:$false -ErrorVariable script:err -ErrorAction SilentlyContinue }; Get = { (Get-WKUserAllowlist -Uid pester-keep).ListedUid } }
    ) {
        & $Add | Out-Null
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $null = & $Set
        (Invoke-RestMethod -Uri "$script:Uri/_emulator/stats").total | Should -Be 0
        @($script:err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Contain 'WKReplaceWithoutValidUid'
        & $Get | Sort-Object | Should -Be @('k1', 'k2')
    }
}
