#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Every exported cmdlet, in every parameter set, against the emulator: the invocation binds the set its row names, it
    returns the type its row names, and the default view the user sees shows that view's column headers. The rows are
    in Support/CoverageCases.ps1; a cmdlet or parameter set without a row fails here, so new ones must be added.
#>

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'out/WuKongIM/WuKongIM.psd1') -Force
    $cases = . (Join-Path $PSScriptRoot 'Support/CoverageCases.ps1')
    $sets = foreach ($command in Get-Command -Module WuKongIM | Sort-Object Name) {
        foreach ($set in $command.ParameterSets) { @{ Cmdlet = $command.Name; Set = $set.Name } }
    }
    $manifest = Import-PowerShellDataFile (Join-Path $repo 'WuKongIM.psd1')
    $exported = $manifest.CmdletsToExport | ForEach-Object { @{ Cmdlet = $_ } }
    $rows = $cases | ForEach-Object {
        @{ Case = $_; Cmdlet = $_.Cmdlet; Set = $_.Set; Type = $_.Type }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    . (Join-Path $PSScriptRoot 'Support/CoverageSupport.ps1')
    Start-TestEmulator -ExtraArgs $script:CoverageEmulatorArgs
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-state-" + [guid]::NewGuid() + '.json')
    Connect-WKServer -Uri $script:Uri
    $script:Cases = . (Join-Path $PSScriptRoot 'Support/CoverageCases.ps1')
}

AfterAll {
    Stop-TestEmulator
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
}

Describe 'The coverage table' {
    It '<Cmdlet> has a row for parameter set <Set>' -ForEach $sets {
        $match = $script:Cases | Where-Object { $_.Cmdlet -eq $Cmdlet -and $_.Set -eq $Set }
        $match | Should -Not -BeNullOrEmpty -Because "every parameter set needs an invocation in Support/CoverageCases.ps1"
    }

    It '<Cmdlet> is exported by the manifest and has a row' -ForEach $exported {
        Get-Command $Cmdlet -Module WuKongIM -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty
        $script:Cases.Cmdlet | Should -Contain $Cmdlet
    }
}

Describe '<Cmdlet> (<Set>)' -ForEach $rows {
    BeforeAll {
        $command = Get-Command $Cmdlet
        $named = @($Case.Params.Keys) + @($Case.Bound | Where-Object { $_ })
        # A state-changing cmdlet runs without a prompt: -Force where the set has it, else -Confirm:$false.
        $extra = @{}
        if ($command.Parameters.ContainsKey('WhatIf')) {
            $setParameters = ($command.ParameterSets | Where-Object Name -eq $Set).Parameters.Name
            if ($setParameters -contains 'Force') { $extra.Force = $true } else { $extra.Confirm = $false }
        }
        $script:Run = Invoke-CoverageCase -Case $Case -Extra $extra
    }

    It 'binds parameter set <Set>' {
        Resolve-CaseParameterSet -Cmdlet $Cmdlet -Named $named | Should -Be $Set
    }

    It 'runs without an error (or, for a row one node cannot carry out, only with its RefusedWith error)' {
        Assert-CaseError $Case $script:Run.Errors
    }

    # Which tests apply is settled at discovery, from the row: nothing is skipped.
    if ($Type) {
        It 'returns <Type>' {
            $script:Run.Output | Should -Not -BeNullOrEmpty
            foreach ($item in $script:Run.Output) {
                $item.PSTypeNames | Should -Contain $Type
            }
            $command.OutputType.Name | Should -Contain $Type -Because '[OutputType] tells the user and tab completion what comes back'
        }
    }
    else {
        It 'writes nothing' {
            $script:Run.Output | Should -BeNullOrEmpty
        }
    }

    if ($Type -and (Get-FormatData -TypeName $Type)) {
        It 'shows the view''s column headers' {
            $text = $script:Run.Output | Out-String -Width 400
            foreach ($header in Get-ViewHeader $Type) {
                $text | Should -Match ([regex]::Escape($header)) -Because "the default view of $Type has the column $header"
            }
        }
    }
}
