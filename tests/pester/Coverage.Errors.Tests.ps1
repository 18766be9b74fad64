#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Error ids as a runbook sees them, against the emulator: each cause through -ErrorAction Stop and
    $_.FullyQualifiedErrorId (try/catch), and through $? and -ErrorVariable (the category a script can branch on).
    Server failures come from the emulator's fault injection (/_emulator/faults) on a session with no retries.
#>

BeforeDiscovery {
    $fault = { param($Status) Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/faults" -ContentType 'application/json' -Body (@{ error_rate = 1; error_status = $Status; path_prefix = '/varz' } | ConvertTo-Json) | Out-Null }
    $noRetry = { Connect-WKServer -Uri $script:Uri -MaximumRetryCount 0 -TimeoutSec 1 -SkipCheck -PassThru }
    $cases = @(
        @{ Id = 'WKUidSpecialCharacter'; Category = 'InvalidArgument'; Cmdlet = 'Register-WKUser'; Params = @{ Uid = 'a@b' } }
        @{ Id = 'WKUidEmpty'; Category = 'InvalidArgument'; Cmdlet = 'Register-WKUser'; Params = @{ Uid = '' } }
        @{ Id = 'WKInvalidDeviceFlag'; Category = 'InvalidArgument'; Cmdlet = 'Revoke-WKUserToken'; Setup = { Register-WKUser -Uid u1 | Out-Null }; Params = @{ Uid = 'u1'; DeviceFlag = 7; Force = $true } }
        @{ Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Cmdlet = 'Register-WKUser'; Params = @{ Uid = 'u1'; DeviceFlag = 'All' } }
        @{ Id = 'WKInvalidArgument'; Category = 'InvalidArgument'; Cmdlet = 'Add-WKChannelSubscriber'; Params = @{ ChannelId = 'alice'; ChannelType = 'Person'; Uid = 'bob' } }
        @{ Id = 'WKInvalidArgument'; Category = 'InvalidArgument'; Cmdlet = 'Send-WKMessage'; Params = @{ ChannelId = 'g1'; ChannelType = 'Group' } }
        @{ Id = 'WKNotFound'; Category = 'ObjectNotFound'; Cmdlet = 'Get-WKChannel'; Params = @{ ChannelId = 'nope'; ChannelType = 'Group' } }
        @{ Id = 'WKNotFound'; Category = 'ObjectNotFound'; Cmdlet = 'Get-WKMessage'; Setup = { New-WKChannel -ChannelId g1 }; Params = @{ ChannelId = 'g1'; ChannelType = 'Group'; MessageId = 42 } }
        @{ Id = 'WKChannelExists'; Category = 'ResourceExists'; Cmdlet = 'New-WKChannel'; Setup = { New-WKChannel -ChannelId g1 }; Params = @{ ChannelId = 'g1' } }
        @{ Id = 'WKUnreadCannotBeRaised'; Cmdlet = 'Set-WKConversationUnread'; Category = $null
            Setup = { Add-WKChannelSubscriber -ChannelId g1 -Uid u1, u2 | Out-Null; Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid u2 -Text x | Out-Null }
            Params = @{ Uid = 'u1'; ChannelId = 'g1'; ChannelType = 'Group'; Unread = 3 }
        }
        @{ Id = 'WKBanned'; Category = $null; Cmdlet = 'Set-WKUserToken'
            Setup = { Register-WKUser -Uid u1 | Out-Null; Block-WKUser -Uid u1 -Duration '01:00:00' -Force -WarningAction SilentlyContinue | Out-Null }
            Params = @{ Uid = 'u1'; Token = 't' }
        }
        @{ Id = 'WKFileError'; Category = 'WriteError'; Cmdlet = 'Export-WKChannelMessage'
            Setup = { Send-WKMessage -ChannelId g1 -ChannelType Group -Text hi | Out-Null; 'x' | Set-Content -LiteralPath $script:ExistingFile }
            Params = @{ ChannelId = 'g1'; ChannelType = 'Group'; Path = { $script:ExistingFile } }
        }
        @{ Id = 'WKBadRequest'; Category = $null; Cmdlet = 'Invoke-WKRestMethod'; Params = @{ Path = '/route/batch'; Method = 'POST'; Body = '{"not":"an array"}' } }
        @{ Id = 'WKNotSupported'; Category = 'NotImplemented'; Cmdlet = 'Invoke-WKRestMethod'; Params = @{ Path = '/no/such/route' } }
        @{ Id = 'WKUnauthorized'; Category = 'AuthenticationError'; Cmdlet = 'Get-WKServerStatus'; Setup = { & $fault 401 }.GetNewClosure(); Params = @{ Session = $noRetry } }
        @{ Id = 'WKPermissionDenied'; Category = 'PermissionDenied'; Cmdlet = 'Get-WKServerStatus'; Setup = { & $fault 403 }.GetNewClosure(); Params = @{ Session = $noRetry } }
        @{ Id = 'WKThrottled'; Category = 'LimitsExceeded'; Cmdlet = 'Get-WKServerStatus'; Setup = { & $fault 429 }.GetNewClosure(); Params = @{ Session = $noRetry } }
        @{ Id = 'WKServerError'; Category = $null; Cmdlet = 'Get-WKServerStatus'; Setup = { & $fault 500 }.GetNewClosure(); Params = @{ Session = $noRetry } }
        @{ Id = 'WKUnavailable'; Category = 'ResourceUnavailable'; Cmdlet = 'Get-WKServerStatus'; Setup = { & $fault 503 }.GetNewClosure(); Params = @{ Session = $noRetry } }
        @{ Id = 'WKTimeout'; Category = 'OperationTimeout'; Cmdlet = 'Get-WKServerStatus'
            Setup = { Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/faults" -ContentType 'application/json' -Body '{"latency_ms":2500,"path_prefix":"/varz"}' | Out-Null }
            Params = @{ Session = $noRetry }
        }
        @{ Id = 'WKConnectionFailed'; Category = $null; Cmdlet = 'Connect-WKServer'; Params = @{ Uri = 'http://127.0.0.1:1'; MaximumRetryCount = 0 } }
        @{ Id = 'WKNotConnected'; Category = 'InvalidOperation'; Cmdlet = 'Get-WKUser'; Setup = { Disconnect-WKServer }; Params = @{} }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    . (Join-Path $PSScriptRoot 'Support/CoverageSupport.ps1')
    Start-TestEmulator
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-state-" + [guid]::NewGuid() + '.json')
    $script:ExistingFile = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-" + [guid]::NewGuid() + '.jsonl')

    function Initialize-Case($Case) {
        Reset-Emulator
        Invoke-RestMethod -Method Delete -Uri "$script:Uri/_emulator/faults" | Out-Null
        if ($Case.Setup) { & $Case.Setup | Out-Null }
        $parameters = @{}
        foreach ($key in $Case.Params.Keys) {
            $value = $Case.Params[$key]
            $parameters[$key] = if ($value -is [scriptblock]) { & $value } else { $value }
        }
        $parameters
    }
}

AfterAll {
    Invoke-RestMethod -Method Delete -Uri "$script:Uri/_emulator/faults" -ErrorAction SilentlyContinue | Out-Null
    Stop-TestEmulator
    Remove-Item $script:ExistingFile -ErrorAction SilentlyContinue
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
}

Describe 'Error ids' {
    It '<Cmdlet> fails with <Id> under -ErrorAction Stop (try/catch, $_.FullyQualifiedErrorId)' -ForEach $cases {
        $parameters = Initialize-Case $_
        $caught = $null
        try {
            $null = & $Cmdlet @parameters -ErrorAction Stop -WarningAction SilentlyContinue
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty -Because "$Cmdlet must fail"
        $type = (Get-Command $Cmdlet).ImplementingType.FullName
        $caught.FullyQualifiedErrorId | Should -BeExactly "$Id,$type"
    }

    It '<Cmdlet> sets $? to $false and reports <Id> in -ErrorVariable' -ForEach $cases {
        $parameters = Initialize-Case $_
        $err = @()
        $succeeded = $true
        try {
            $null = & $Cmdlet @parameters -ErrorAction SilentlyContinue -ErrorVariable err -WarningAction SilentlyContinue
            $succeeded = $?
        }
        catch {
            # A terminating error (nothing can continue: no session, no server) stops the statement instead.
            $succeeded = $false
            $err = @($_)
        }
        $succeeded | Should -BeFalse
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        if ($Category) { $err[0].CategoryInfo.Category | Should -Be $Category }
        $err[0].Exception.Message | Should -Not -BeNullOrEmpty
    }
}
