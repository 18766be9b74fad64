#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages the WuKongIM module, or runs the emulator.

.DESCRIPTION
    A thin wrapper over dotnet commands; everything here can be done with dotnet alone (see README.md):
      -Build     dotnet build WuKongIM.sln -c Release   (also lays out out/WuKongIM: the ModuleBuilder runs after build)
      -Test      dotnet test WuKongIM.sln -c Release, then, where pwsh has Pester 5, Invoke-Pester tests/pester
                 in a fresh pwsh process against the built module
      -Package   zips out/WuKongIM into out/WuKongIM-<version>.zip
      -Emulator  dotnet run -c Release --project src/WuKongIM.Emulator -- --urls http://127.0.0.1:5001 [--manager-token]
    With no switch, -Build is assumed. Switches combine and run in the order above; -Emulator runs until Ctrl+C.

.EXAMPLE
    ./build.ps1 -Build -Test

.EXAMPLE
    ./build.ps1 -Emulator -ManagerToken secret
#>
[CmdletBinding()]
param(
    [switch] $Build,
    [switch] $Test,
    [switch] $Package,
    [switch] $Emulator,
    # Makes the emulator require this manager token (like a server with managerToken set). A test value, passed on the
    # emulator's command line: never use a production token here.
    [string] $ManagerToken,
    [ValidateRange(1, 65535)]
    [int] $EmulatorPort = 5001
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$solution = Join-Path $root 'WuKongIM.sln'
$moduleDir = Join-Path (Join-Path $root 'out') 'WuKongIM'

function Invoke-Dotnet {
    param([string[]] $Arguments)
    Write-Host ('> dotnet ' + ($Arguments -join ' '))
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

if (-not ($Build -or $Test -or $Package -or $Emulator)) {
    $Build = $true
}

if ($Build) {
    Invoke-Dotnet -Arguments @('build', $solution, '-c', 'Release')
}

if ($Test) {
    # dotnet test builds first, so the module folder the Pester tests import is fresh.
    Invoke-Dotnet -Arguments @('test', $solution, '-c', 'Release')

    $pwsh = Get-Command -Name pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $hasPester = $false
    if ($pwsh) {
        & $pwsh.Source -NoProfile -NonInteractive -Command 'if (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 }) { exit 0 } else { exit 1 }'
        $hasPester = $LASTEXITCODE -eq 0
    }
    if ($hasPester) {
        # A child process, so the tests import the module just built rather than a copy loaded in this session.
        $pesterCommand = "Import-Module Pester -MinimumVersion 5.0; " +
            "`$c = New-PesterConfiguration; `$c.Run.Path = '$(Join-Path $root 'tests/pester')'; `$c.Run.Exit = `$true; " +
            "`$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
        Write-Host "> pwsh -NoProfile -Command Invoke-Pester tests/pester"
        & $pwsh.Source -NoProfile -NonInteractive -Command $pesterCommand
        if ($LASTEXITCODE -ne 0) {
            throw "The Pester tests failed ($LASTEXITCODE failed)."
        }
    }
    else {
        Write-Host 'Pester 5 under pwsh is not available here: skipped tests/pester.'
    }
}

if ($Package) {
    $manifest = Join-Path $moduleDir 'WuKongIM.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "No module at $moduleDir; run ./build.ps1 -Build first."
    }
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    $zip = Join-Path (Join-Path $root 'out') "WuKongIM-$version.zip"
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip
    }
    # ZipFile writes '/' separators on every platform (Compress-Archive on 5.1 does not); the zip holds WuKongIM/...
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    [System.IO.Compression.ZipFile]::CreateFromDirectory($moduleDir, $zip, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    Write-Host "Packaged $zip"
}

if ($Emulator) {
    $arguments = @('run', '-c', 'Release', '--project', (Join-Path $root 'src/WuKongIM.Emulator'), '--', '--urls', "http://127.0.0.1:$EmulatorPort")
    if ($ManagerToken) {
        $arguments += @('--manager-token', $ManagerToken)
    }
    Invoke-Dotnet -Arguments $arguments
}
