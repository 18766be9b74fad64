#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Every state-changing cmdlet (SupportsShouldProcess), in every parameter set, with each way PowerShell offers to say
    yes or to look first:
      -WhatIf                    sends no write request (the emulator's counters) and changes nothing
      -Confirm:$false            runs with no prompt
      $ConfirmPreference='None'  runs with no prompt
      -Force (where the set has it) runs with no prompt
      -Confirm                   asks, and runs once answered
    The cases run in a runspace whose host records prompts (Support/PromptRecordingHost.cs): a prompt where none is
    allowed throws, as in a -NonInteractive console, and the recorder shows whether -Confirm asked. A last block runs
    every case in a real `pwsh -NonInteractive` child.
#>

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'out/WuKongIM/WuKongIM.psd1') -Force
    $cases = . (Join-Path $PSScriptRoot 'Support/CoverageCases.ps1')
    $rows = foreach ($case in $cases) {
        $command = Get-Command $case.Cmdlet
        if (-not $command.Parameters.ContainsKey('WhatIf')) { continue }
        $setParameters = ($command.ParameterSets | Where-Object Name -eq $case.Set).Parameters.Name
        @{ Case = $case; Cmdlet = $case.Cmdlet; Set = $case.Set; HasForce = $setParameters -contains 'Force' }
    }
    $withForce = @($rows | Where-Object HasForce)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    . (Join-Path $PSScriptRoot 'Support/CoverageSupport.ps1')
    Start-TestEmulator -ExtraArgs $script:CoverageEmulatorArgs
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-state-" + [guid]::NewGuid() + '.json')
    Connect-WKServer -Uri $script:Uri
    $script:Recording = New-PromptRecordingRunspace
}

AfterAll {
    if ($script:Recording) { $script:Recording.Runspace.Dispose() }
    Stop-TestEmulator
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
}

Describe '-WhatIf' {
    It '<Cmdlet> (<Set>) -WhatIf sends no write request and changes nothing' -ForEach $rows {
        $result = Invoke-CaseWithPromptRecording $script:Recording $Case -Extra @{ WhatIf = $true }
        $result.Prompts | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
        $result.Writes.Keys | Should -BeNullOrEmpty
        $result.Effect | Should -BeFalse
    }
}

Describe '-Confirm:$false' {
    It '<Cmdlet> (<Set>) -Confirm:$false runs with no prompt' -ForEach $rows {
        $result = Invoke-CaseWithPromptRecording $script:Recording $Case -Extra @{ Confirm = $false }
        $result.Prompts | Should -BeNullOrEmpty
        Assert-CaseError $Case $result.Errors
        $result.Effect | Should -BeTrue
    }
}

Describe '$ConfirmPreference = ''None''' {
    It '<Cmdlet> (<Set>) with $ConfirmPreference None runs with no prompt' -ForEach $rows {
        $result = Invoke-CaseWithPromptRecording $script:Recording $Case -ConfirmPreference None
        $result.Prompts | Should -BeNullOrEmpty
        Assert-CaseError $Case $result.Errors
        $result.Effect | Should -BeTrue
    }
}

Describe '-Force' {
    It '<Cmdlet> (<Set>) -Force runs with no prompt' -ForEach $withForce {
        $result = Invoke-CaseWithPromptRecording $script:Recording $Case -Extra @{ Force = $true }
        $result.Prompts | Should -BeNullOrEmpty
        Assert-CaseError $Case $result.Errors
        $result.Effect | Should -BeTrue
    }

    It '<Cmdlet> (<Set>) -Force -WhatIf still only reports' -ForEach $withForce {
        $result = Invoke-CaseWithPromptRecording $script:Recording $Case -Extra @{ Force = $true; WhatIf = $true }
        $result.Errors | Should -BeNullOrEmpty
        $result.Writes.Keys | Should -BeNullOrEmpty
        $result.Effect | Should -BeFalse
    }
}

Describe '-Confirm' {
    It '<Cmdlet> (<Set>) -Confirm asks, and runs once answered Yes' -ForEach $rows {
        $result = Invoke-CaseWithPromptRecording $script:Recording $Case -Extra @{ Confirm = $true } -AnswerYes
        $result.Prompts | Should -Not -BeNullOrEmpty
        Assert-CaseError $Case $result.Errors
        $result.Effect | Should -BeTrue
    }
}

Describe 'In a fresh pwsh -NonInteractive' {
    BeforeAll {
        # The same cases in a real -NonInteractive console host: there a prompt fails with PowerShell's own error.
        $out = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-child-" + [guid]::NewGuid() + '.json')
        $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Support/NonInteractiveChild.ps1'),
            '-Uri', $script:Uri, '-ModulePath', (Join-Path (Get-Module WuKongIM).ModuleBase 'WuKongIM.psd1'), '-OutFile', $out)
        # Under `dotnet pwsh` the process is dotnet running pwsh.dll; a native pwsh runs itself.
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') @arguments
        }
        else {
            & ([Environment]::ProcessPath) @arguments
        }
        $script:Child = @{}
        foreach ($result in Get-Content -LiteralPath $out -Raw | ConvertFrom-Json) { $script:Child[$result.Key] = $result }
        Remove-Item -LiteralPath $out -ErrorAction SilentlyContinue
    }

    It '<Cmdlet> (<Set>) -Confirm:$false runs with no prompt' -ForEach $rows {
        $result = $script:Child["$Cmdlet|$Set|ConfirmFalse"]
        $result | Should -Not -BeNullOrEmpty
        Assert-CaseError $Case @($result.Errors)
    }

    It '<Cmdlet> (<Set>) -Confirm fails for want of a prompt, and sends no write request' -ForEach $rows {
        $result = $script:Child["$Cmdlet|$Set|Confirm"]
        $result | Should -Not -BeNullOrEmpty
        $result.Errors.Message | Should -Match 'NonInteractive mode'
        $result.Writes | Should -BeNullOrEmpty
    }
}
