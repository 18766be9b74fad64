#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The System cmdlets against the emulator, through the built module (out/WuKongIM). Run by ./build.ps1 -Test on a
    machine with pwsh and Pester 5, after `dotnet build -c Release`. They cannot run on the team machines (no pwsh), so
    they are kept plain: start the emulator, call the cmdlets, look at what comes back.
#>

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'out/WuKongIM/WuKongIM.psd1') -Force
    # One Get-FormatData case per module output type, found from the cmdlets' [OutputType].
    $outputTypes = Get-Command -Module WuKongIM | ForEach-Object { $_.OutputType.Type } |
        Where-Object { $_ -and $_.FullName -like 'WuKongIM.*' } | ForEach-Object FullName | Sort-Object -Unique
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator
}

Describe 'The module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Join-Path (Get-Module WuKongIM).ModuleBase 'WuKongIM.psd1')
        (Get-Command -Module WuKongIM).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'has help with a synopsis and an example for Connect-WKServer' {
        $help = Get-Help Connect-WKServer -Full
        $help.Synopsis | Should -Match 'Connects to a WuKongIM server'
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        ($help.Parameters.Parameter | Where-Object Name -eq 'Uri').Description.Text | Should -Not -BeNullOrEmpty
    }
}

Describe 'Connect-WKServer' {
    It 'checks the server and makes the session the default one' {
        Connect-WKServer -Uri $script:Uri
        $session = Get-WKSession
        $session | Should -BeOfType ([WuKongIM.PowerShell.WKSession])
        $session.Uri | Should -Be ([uri]"$script:Uri/")
        $session.Source | Should -Be 'Connect-WKServer'
    }

    It 'returns the session with -PassThru and never shows a token' {
        $token = ConvertTo-SecureString 'pester-token-1234' -AsPlainText -Force
        $session = Connect-WKServer -Uri $script:Uri -ManagerToken $token -PassThru
        $session.HasManagerToken | Should -BeTrue
        ($session | Format-List * | Out-String) | Should -Not -Match 'pester-token-1234'
        Connect-WKServer -Uri $script:Uri
    }

    It 'fails with WKConnectionFailed when nothing listens' {
        { Connect-WKServer -Uri 'http://127.0.0.1:1' -MaximumRetryCount 0 -ErrorAction Stop } | Should -Throw -ErrorId 'WKConnectionFailed*'
        (Get-WKSession).Uri | Should -Be ([uri]"$script:Uri/")
    }
}

Describe 'Test-WKServer' {
    It 'reports a reachable, healthy server that needs no token' {
        $result = Test-WKServer
        $result | Should -BeOfType ([WuKongIM.Client.WKServerTestResult])
        $result.Reachable | Should -BeTrue
        $result.Healthy | Should -BeTrue
        $result.TokenAccepted | Should -BeTrue
        $result.ManagerTokenRequired | Should -BeFalse
    }

    It 'returns a plain $true with -Quiet' {
        Test-WKServer -Quiet | Should -BeExactly $true
    }
}

Describe 'Get-WKServerStatus' {
    It 'returns the node status' {
        $status = Get-WKServerStatus
        $status | Should -BeOfType ([WuKongIM.Client.WKServerStatus])
        $status.ServerName | Should -Not -BeNullOrEmpty
        $status.Version | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-WKRoute' {
    It 'returns the gateway addresses without uids' {
        $route = Get-WKRoute
        @($route).Count | Should -Be 1
        $route.TcpAddr | Should -Not -BeNullOrEmpty
        $route.Uid | Should -BeNullOrEmpty
    }

    It 'returns one row per piped uid, in order' {
        $rows = 'alice', 'bob', 'carol' | Get-WKRoute
        $rows.Uid | Should -Be @('alice', 'bob', 'carol')
        ($rows.TcpAddr | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'binds objects by their Uid or UserId property' {
        $rows = [pscustomobject]@{ Uid = 'dave' }, [pscustomobject]@{ UserId = 'erin' } | Get-WKRoute
        $rows.Uid | Should -Be @('dave', 'erin')
    }

    It 'sends piped uids in batches' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $rows = 1..2500 | ForEach-Object { "user$_" } | Get-WKRoute -BatchSize 1000
        @($rows).Count | Should -Be 2500
        Get-EmulatorCount 'POST /route/batch' | Should -Be 3
    }
}

Describe 'Invoke-WKRestMethod' {
    It 'returns parsed JSON' {
        (Invoke-WKRestMethod -Path /health).status | Should -Be 'ok'
    }

    It 'returns the raw text with -Raw' {
        Invoke-WKRestMethod -Path /health -Raw | Should -Match '"status"'
    }

    It 'sends nothing for a POST with -WhatIf' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        Invoke-WKRestMethod -Path /route/batch -Method POST -Body @('alice') -WhatIf
        Get-EmulatorCount 'POST /route/batch' | Should -Be 0
    }

    It 'reports a refused body as WKBadRequest with the server message' {
        $err = $null
        Invoke-WKRestMethod -Path /route/batch -Method POST -Body '{"not":"an array"}' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WKBadRequest,*'
        $err[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
    }
}

Describe 'Formats' {
    It 'has a view for <_>' -ForEach $outputTypes {
        $data = Get-FormatData -TypeName $_
        $data | Should -Not -BeNullOrEmpty
        $data.FormatViewDefinition[0].Name | Should -Be $_
    }
}

Describe 'Connect-WKServer and Test-WKServer against a hung server (issue 12 item 5)' {
    AfterAll {
        Invoke-RestMethod -Method Delete -Uri "$script:Uri/_emulator/faults" | Out-Null
        Connect-WKServer -Uri $script:Uri
    }

    It 'give up at the check deadline after one attempt, instead of retrying 30-second attempts' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/faults" -ContentType 'application/json' `
            -Body '{"latency_ms":60000,"path_prefix":"/health"}' | Out-Null
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        { Connect-WKServer -Uri $script:Uri -ErrorAction Stop } | Should -Throw
        # Default settings allow 4 attempts of 30 s each; the 15 s check deadline leaves room for the first only.
        Get-EmulatorCount 'GET /health' | Should -Be 1
    }
}

Describe 'Connect-WKServer -DeadlineSec: one overall deadline per call that the user sets (issue 12 item 5)' {
    AfterAll {
        Invoke-RestMethod -Method Delete -Uri "$script:Uri/_emulator/faults" | Out-Null
        Connect-WKServer -Uri $script:Uri
    }

    It 'shows the deadline on the session, 60 seconds by default' {
        (Connect-WKServer -Uri $script:Uri -SkipCheck -PassThru).DeadlineSec | Should -Be 60
        (Connect-WKServer -Uri $script:Uri -SkipCheck -DeadlineSec 5 -PassThru).DeadlineSec | Should -Be 5
    }

    It 'stops a call that the per-attempt timeout alone would let finish' {
        # Each answer takes 4 s: well inside -TimeoutSec 30, but past a 2 s deadline.
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/faults" -ContentType 'application/json' `
            -Body '{"latency_ms":4000,"path_prefix":"/varz"}' | Out-Null
        Connect-WKServer -Uri $script:Uri -SkipCheck -TimeoutSec 30 -DeadlineSec 2
        { Get-WKServerStatus -ErrorAction Stop } | Should -Throw -ErrorId 'WKTimeout*'
        # The same call with the default deadline waits for the slow answer and succeeds.
        Connect-WKServer -Uri $script:Uri -SkipCheck -TimeoutSec 30
        (Get-WKServerStatus -ErrorAction Stop).Version | Should -Not -BeNullOrEmpty
    }

    It 'refuses a deadline below one second when binding' {
        { Connect-WKServer -Uri $script:Uri -DeadlineSec 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
