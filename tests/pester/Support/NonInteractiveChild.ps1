<#
    Run by Coverage.ShouldProcess.Tests.ps1 in a fresh `pwsh -NonInteractive`: every state-changing case of
    CoverageCases.ps1, once with -Confirm:$false and once with -Confirm, against the parent's emulator. Writes one
    result per run to the JSON file -OutFile: the errors (id and message) and the write requests the emulator counted.
#>
param(
    [Parameter(Mandatory)] [string] $Uri,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutFile
)

Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'CoverageSupport.ps1')
$script:Uri = $Uri
$env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-coverage-child-" + [guid]::NewGuid() + '.json')
Connect-WKServer -Uri $Uri

$results = foreach ($case in . (Join-Path $PSScriptRoot 'CoverageCases.ps1')) {
    if (-not (Get-Command $case.Cmdlet).Parameters.ContainsKey('WhatIf')) { continue }
    foreach ($mode in 'ConfirmFalse', 'Confirm') {
        $extra = if ($mode -eq 'Confirm') { @{ Confirm = $true } } else { @{ Confirm = $false } }
        $errors = @()
        try {
            $run = Invoke-CoverageCase -Case $case -Extra $extra
            $errors = @($run.Errors)
        }
        catch {
            $errors = @($_)
        }
        [pscustomobject]@{
            Key    = "$($case.Cmdlet)|$($case.Set)|$mode"
            Errors = @($errors | ForEach-Object { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } })
            Writes = @((Get-EmulatorWrite).Keys)
        }
    }
}
$results | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutFile
Remove-Item -LiteralPath $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
