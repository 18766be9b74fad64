#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The five list-removal cmdlets in the runbook forms an administrator writes (issue 11 items 1 and 2), in this
    -NonInteractive run: -Force on the per-uid form, a Get- piped into its Remove- with and without -Force, and -All
    confirmed each way PowerShell offers (-Force, -Confirm:$false, $ConfirmPreference = 'None'). -All still asks
    when nothing says yes: that is proven with the prompt-recording host (Support/PromptRecordingHost.cs).
#>

BeforeDiscovery {
    $lists = @(
        @{ Remove = 'Remove-WKChannelSubscriber'; Get = 'Get-WKChannelSubscriber'; Add = 'Add-WKChannelSubscriber'; Owner = @{ ChannelId = 'g1'; ChannelType = 'Group' }; Listed = 'Uid'; Read = 'Uid' }
        @{ Remove = 'Remove-WKChannelBlacklist'; Get = 'Get-WKChannelBlacklist'; Add = 'Add-WKChannelBlacklist'; Owner = @{ ChannelId = 'g1'; ChannelType = 'Group' }; Listed = 'Uid'; Read = 'Uid' }
        @{ Remove = 'Remove-WKChannelWhitelist'; Get = 'Get-WKChannelWhitelist'; Add = 'Add-WKChannelWhitelist'; Owner = @{ ChannelId = 'g1'; ChannelType = 'Group' }; Listed = 'Uid'; Read = 'Uid' }
        @{ Remove = 'Remove-WKUserBlocklist'; Get = 'Get-WKUserBlocklist'; Add = 'Add-WKUserBlocklist'; Owner = @{ Uid = 'owner' }; Listed = 'BlockedUid'; Read = 'ListedUid' }
        @{ Remove = 'Remove-WKUserAllowlist'; Get = 'Get-WKUserAllowlist'; Add = 'Add-WKUserAllowlist'; Owner = @{ Uid = 'owner' }; Listed = 'AllowedUid'; Read = 'ListedUid' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    . (Join-Path $PSScriptRoot 'Support/CoverageSupport.ps1')
    Start-TestEmulator
    Connect-WKServer -Uri $script:Uri
    $script:Recording = New-PromptRecordingRunspace

    function Join-Parameter([hashtable] $Owner, [hashtable] $More) { $all = $Owner.Clone(); foreach ($k in $More.Keys) { $all[$k] = $More[$k] }; $all }

    # A fresh list holding alice and bob.
    function Initialize-List($Add, [hashtable] $Owner, $Listed) {
        Reset-Emulator
        $parameters = Join-Parameter $Owner @{ $Listed = @('alice', 'bob') }
        $null = & $Add @parameters -WarningAction SilentlyContinue
    }
    function Get-Listed($Get, [hashtable] $Owner, $Read) {
        @(& $Get @Owner -WarningAction SilentlyContinue | ForEach-Object $Read | Sort-Object)
    }
}

AfterAll {
    if ($script:Recording) { $script:Recording.Runspace.Dispose() }
    Stop-TestEmulator
}

Describe '-Force on the per-uid form (issue 11 item 1)' {
    It '<Remove> -<Listed> alice -Force removes alice with no prompt' -ForEach $lists {
        Initialize-List $Add $Owner $Listed
        $parameters = Join-Parameter $Owner @{ $Listed = 'alice' }
        $out = & $Remove @parameters -Force -ErrorAction Stop -WarningAction SilentlyContinue
        $out.Status | Should -Be 'Succeeded'
        Get-Listed $Get $Owner $Read | Should -Be @('bob')
    }

    It '<Get> | <Remove> -Force empties the list' -ForEach $lists {
        Initialize-List $Add $Owner $Listed
        $out = & $Get @Owner -WarningAction SilentlyContinue | & $Remove -Force -ErrorAction Stop -WarningAction SilentlyContinue
        @($out).Count | Should -Be 2
        Get-Listed $Get $Owner $Read | Should -BeNullOrEmpty
    }

    It '<Get> | <Remove> -Confirm:$false empties the list' -ForEach $lists {
        Initialize-List $Add $Owner $Listed
        & $Get @Owner -WarningAction SilentlyContinue | & $Remove -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null
        Get-Listed $Get $Owner $Read | Should -BeNullOrEmpty
    }
}

Describe '-All confirmed each way (issue 11 item 2)' {
    It '<Remove> -All -Force empties the list with no prompt' -ForEach $lists {
        Initialize-List $Add $Owner $Listed
        & $Remove @Owner -All -Force -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null
        Get-Listed $Get $Owner $Read | Should -BeNullOrEmpty
    }

    It '<Remove> -All -Confirm:$false empties the list with no prompt' -ForEach $lists {
        Initialize-List $Add $Owner $Listed
        & $Remove @Owner -All -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null
        Get-Listed $Get $Owner $Read | Should -BeNullOrEmpty
    }

    It '<Remove> -All with $ConfirmPreference = ''None'' empties the list with no prompt' -ForEach $lists {
        Initialize-List $Add $Owner $Listed
        & {
            $ConfirmPreference = 'None'
            & $Remove @Owner -All -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null
        }
        Get-Listed $Get $Owner $Read | Should -BeNullOrEmpty
    }

    It '<Remove> -All with nothing that says yes asks once, and changes nothing when it cannot ask' -ForEach $lists {
        $case = @{ Cmdlet = $Remove; Params = Join-Parameter $Owner @{ All = $true }; Setup = [scriptblock]::Create("`$null = $Add $(($Owner.GetEnumerator() | ForEach-Object { "-$($_.Key) $($_.Value)" }) -join ' ') -$Listed alice, bob -WarningAction SilentlyContinue") }
        $result = Invoke-CaseWithPromptRecording $script:Recording $case
        $result.Prompts.Count | Should -Be 1
        $result.Writes.Keys | Should -BeNullOrEmpty
    }

    It '<Remove> -All -Confirm asks once, and empties the list when answered Yes' -ForEach $lists {
        $case = @{ Cmdlet = $Remove; Params = Join-Parameter $Owner @{ All = $true }; Setup = [scriptblock]::Create("`$null = $Add $(($Owner.GetEnumerator() | ForEach-Object { "-$($_.Key) $($_.Value)" }) -join ' ') -$Listed alice, bob -WarningAction SilentlyContinue") }
        $result = Invoke-CaseWithPromptRecording $script:Recording $case -Extra @{ Confirm = $true } -AnswerYes
        $result.Prompts.Count | Should -Be 1
        $result.Errors | Should -BeNullOrEmpty
        $result.Writes.Keys | Should -Not -BeNullOrEmpty
    }
}
