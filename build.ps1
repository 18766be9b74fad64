#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests and packages the WuKongIM module, runs the emulator, or opens a pwsh connected to one.

.DESCRIPTION
    Run it with the PowerShell that the repository pins as a dotnet local tool, so a machine needs only the .NET SDK:

        dotnet tool restore && dotnet pwsh ./build.ps1 -Start     # the main job
        dotnet tool restore && dotnet pwsh ./build.ps1 -Test      # every test, one summary line

      -Build     dotnet build WuKongIM.sln -c Release (lays out out/WuKongIM: the ModuleBuilder runs after build)
      -Test      dotnet test (every xunit project), then Invoke-Pester tests/pester in a fresh pwsh against the built
                 module, with Pester restored from NuGet (tests/pester/tools/PesterRestore.csproj). Prints
                 'tests: N passed, N failed, N skipped' over both, and fails if anything failed.
      -Package   out/WuKongIM.<version>.nupkg, ready for the PowerShell Gallery (Compress-PSResource)
      -Emulator  runs the emulator in this console until Ctrl+C
      -Start     builds, starts the emulator on a free loopback port, and opens a pwsh with the module imported and
                 connected to it; leaving that pwsh (exit) stops the emulator
    With no switch, -Build is assumed. Switches combine and run in the order above.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Test

.EXAMPLE
    dotnet pwsh ./build.ps1 -Emulator -ManagerToken secret
#>
[CmdletBinding()]
param(
    [switch] $Build,
    [switch] $Test,
    [switch] $Package,
    [switch] $Emulator,
    [switch] $Start,
    # Makes the emulator require this manager token (like a server with managerToken set). A test value, passed on the
    # emulator's command line: never use a production token here.
    [string] $ManagerToken,
    # The emulator's port for -Emulator (default 5001) and -Start (default: a free port).
    # (PowerShell variable names ignore case: nothing below may be called $emulator, which is this switch.)
    [ValidateRange(0, 65535)]
    [int] $EmulatorPort = 0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
# dotnet finds the repository's tool manifest (the pinned pwsh) from the working directory.
Set-Location -LiteralPath $root
$solution = Join-Path $root 'WuKongIM.sln'
$outDir = Join-Path $root 'out'
$moduleDir = Join-Path $outDir 'WuKongIM'
$emulatorDll = Join-Path $root 'src/WuKongIM.Emulator/bin/Release/net10.0/WuKongIM.Emulator.dll'
# Pinned here and in tests/pester/tools/PesterRestore.csproj.
$pesterVersion = '5.7.1'

function Invoke-Dotnet {
    param([string[]] $Arguments)
    Write-Host ('> dotnet ' + ($Arguments -join ' '))
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-PesterManifest {
    Invoke-Dotnet -Arguments @('restore', (Join-Path $root 'tests/pester/tools/PesterRestore.csproj'), '--verbosity', 'quiet')
    # NuGet decides where packages go (NUGET_PACKAGES, config, or ~/.nuget/packages): ask it rather than guess.
    $line = & dotnet nuget locals global-packages --list | Select-Object -Last 1
    $packages = ($line -replace '^\s*global-packages:\s*', '').Trim()
    $manifest = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $pesterVersion was restored, but $manifest is missing."
    }
    $manifest
}

# Counts from the TRX files that 'dotnet test --logger trx' wrote (one per test project).
function Get-TrxCount {
    param([string] $Directory)
    $total = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0; Files = 0 }
    foreach ($file in Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content -LiteralPath $file.FullName -Raw
        $counters = $trx.TestRun.ResultSummary.Counters
        $total.Passed += [int] $counters.passed
        $total.Failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $total.Skipped += [int] $counters.notExecuted
        $total.Files++
    }
    $total
}

function Start-Emulator {
    param([int] $Port)
    if (-not (Test-Path -LiteralPath $emulatorDll)) {
        throw "The emulator is not built ($emulatorDll); run ./build.ps1 -Build first."
    }
    $uri = "http://127.0.0.1:$Port"
    $arguments = @($emulatorDll, '--urls', $uri)
    if ($ManagerToken) {
        $arguments += @('--manager-token', $ManagerToken)
    }
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "wk-emulator-$Port.log"
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru -NoNewWindow -RedirectStandardOutput $log
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) {
            throw "The emulator exited with code $($process.ExitCode); see $log."
        }
        try {
            Invoke-RestMethod -Uri "$uri/health" -TimeoutSec 2 | Out-Null
            return [pscustomobject]@{ Process = $process; Uri = $uri }
        }
        catch {
            Start-Sleep -Milliseconds 200
        }
    }
    $process.Kill($true)
    throw "The emulator did not answer on $uri within 30 seconds; see $log."
}

if (-not ($Build -or $Test -or $Package -or $Emulator -or $Start)) {
    $Build = $true
}

if ($Build -or $Start) {
    Invoke-Dotnet -Arguments @('build', $solution, '-c', 'Release')
}

if ($Test) {
    $results = Join-Path $outDir 'TestResults'
    if (Test-Path -LiteralPath $results) {
        Remove-Item -LiteralPath $results -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $results

    # dotnet test builds first, so the module folder the Pester tests import is fresh. A failure here does not stop
    # the Pester run: the summary counts both.
    Write-Host "> dotnet test $solution -c Release --logger trx"
    & dotnet test $solution -c Release --logger trx --results-directory $results
    $xunitExit = $LASTEXITCODE
    $xunit = Get-TrxCount -Directory $results

    # A fresh pwsh, so the tests import the module just built and nothing from this session leaks in.
    $pester = Get-PesterManifest
    $pesterJson = Join-Path $results 'pester.json'
    $pesterScript = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name '$pester' -RequiredVersion $pesterVersion
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $root 'tests/pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Normal'
`$c.TestResult.Enabled = `$true
`$c.TestResult.OutputPath = '$(Join-Path $results 'pester.xml')'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount + `$r.NotRunCount } |
    ConvertTo-Json | Set-Content -LiteralPath '$pesterJson'
"@
    Write-Host "> pwsh -NonInteractive: Invoke-Pester tests/pester (Pester $pesterVersion)"
    & dotnet pwsh -NoProfile -NonInteractive -Command $pesterScript
    $pesterExit = $LASTEXITCODE
    $pesterCount = if (Test-Path -LiteralPath $pesterJson) { Get-Content -LiteralPath $pesterJson -Raw | ConvertFrom-Json } else { $null }

    $passed = $xunit.Passed
    $failed = $xunit.Failed
    $skipped = $xunit.Skipped
    if ($pesterCount) {
        $passed += $pesterCount.Passed; $failed += $pesterCount.Failed; $skipped += $pesterCount.Skipped
    }
    Write-Host ''
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped ($($xunit.Files) test projects)"
    if ($pesterCount) {
        Write-Host "pester: $($pesterCount.Passed) passed, $($pesterCount.Failed) failed, $($pesterCount.Skipped) skipped"
    }
    else {
        Write-Host "pester: no results (the Pester run ended with exit code $pesterExit before it could count)"
    }
    Write-Host "tests: $passed passed, $failed failed, $skipped skipped"
    # An empty run is a failure too: a suite that found no tests proves nothing.
    if ($xunitExit -ne 0 -or $pesterExit -ne 0 -or $failed -gt 0 -or $null -eq $pesterCount -or $xunit.Files -eq 0) {
        exit 1
    }
}

if ($Package) {
    $manifest = Join-Path $moduleDir 'WuKongIM.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "No module at $moduleDir; run ./build.ps1 -Build first."
    }
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    $nupkg = Join-Path $outDir "WuKongIM.$version.nupkg"
    if (Test-Path -LiteralPath $nupkg) {
        Remove-Item -LiteralPath $nupkg
    }
    # PSResourceGet ships with pwsh 7.4+: the same packer Publish-PSResource uses, without a repository.
    Import-Module Microsoft.PowerShell.PSResourceGet
    Compress-PSResource -Path $moduleDir -DestinationPath $outDir
    if (-not (Test-Path -LiteralPath $nupkg)) {
        throw "Compress-PSResource did not write $nupkg."
    }
    Write-Host "Packaged $nupkg"
}

if ($Emulator) {
    $port = if ($EmulatorPort -eq 0) { 5001 } else { $EmulatorPort }
    $arguments = @('run', '-c', 'Release', '--project', (Join-Path $root 'src/WuKongIM.Emulator'), '--', '--urls', "http://127.0.0.1:$port")
    if ($ManagerToken) {
        $arguments += @('--manager-token', $ManagerToken)
    }
    Invoke-Dotnet -Arguments $arguments
}

if ($Start) {
    $port = if ($EmulatorPort -eq 0) { Get-FreePort } else { $EmulatorPort }
    $running = Start-Emulator -Port $port
    try {
        Write-Host "Emulator on $($running.Uri); type 'exit' to leave pwsh and stop it."
        # The token goes to the child through its environment (never its command line), as a runbook's would.
        $env:WUKONGIM_URL = $running.Uri
        if ($ManagerToken) { $env:WUKONGIM_MANAGER_TOKEN = $ManagerToken }
        $startup = "Import-Module '$(Join-Path $moduleDir 'WuKongIM.psd1')'; Connect-WKServer -Uri `$env:WUKONGIM_URL" +
            $(if ($ManagerToken) { ' -ManagerToken (ConvertTo-SecureString $env:WUKONGIM_MANAGER_TOKEN -AsPlainText -Force)' } else { '' }) +
            "; Get-WKSession"
        & dotnet pwsh -NoLogo -NoExit -Command $startup
    }
    finally {
        if (-not $running.Process.HasExited) {
            $running.Process.Kill($true)
        }
        Write-Host 'Emulator stopped.'
    }
}
