#Requires -Version 7.0
<#
    Packaging the way the ecosystem does it: build.ps1 -Package writes a .nupkg with PSResourceGet, a folder repository
    serves it, Install-PSResource installs it into a temporary module path, and the module then loads by name (command
    auto-loading), with no Import-Module by path. Every step runs in a child pwsh whose HOME is a temporary folder, so
    the machine's own module paths and repository list are never touched.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Version = (Import-PowerShellDataFile -LiteralPath (Join-Path $script:Repo 'out/WuKongIM/WuKongIM.psd1')).ModuleVersion
    $script:Sandbox = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-package-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path (Join-Path $script:Sandbox 'repo'), (Join-Path $script:Sandbox 'home')

    # Runs a script in a fresh pwsh with a private HOME (CurrentUser scope and PSResourceGet's settings live there).
    function Invoke-Sandboxed([string] $Script) {
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        try {
            $env:HOME = Join-Path $script:Sandbox 'home'
            $env:XDG_DATA_HOME = $null; $env:XDG_CONFIG_HOME = $null
            # Only the host's own modules: nothing from the caller (or from out/WuKongIM) can satisfy 'WuKongIM'.
            $env:PSModulePath = $null
            $pwsh = Get-PwshCommand
            $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Script 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            foreach ($name in $saved.Keys) { Set-Item -Path "env:$name" -Value $saved[$name] }
        }
    }
}

AfterAll {
    Stop-TestEmulator
    Remove-Item -LiteralPath $script:Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'build.ps1 -Package' {
    BeforeAll {
        $script:Nupkg = Join-Path $script:Repo "out/WuKongIM.$script:Version.nupkg"
        Remove-Item -LiteralPath $script:Nupkg -ErrorAction SilentlyContinue
        $script:PackageRun = Invoke-Sandboxed "Set-Location '$script:Repo'; & ./build.ps1 -Package"
    }

    It 'writes out/WuKongIM.<version>.nupkg' {
        $script:PackageRun.ExitCode | Should -Be 0 -Because $script:PackageRun.Output
        $script:Nupkg | Should -Exist
    }

    It 'packs the module folder with the manifest, format file, help and dependencies, and the PSData the Gallery shows' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($script:Nupkg)
        try {
            $entries = $zip.Entries.FullName
            $entries | Should -Contain 'WuKongIM.psd1'
            $entries | Should -Contain 'WuKongIM.Format.ps1xml'
            $entries | Should -Contain 'WuKongIM.PowerShell.dll'
            $entries | Should -Contain 'WuKongIM.Client.dll'
            $entries | Should -Contain 'en-US/WuKongIM.PowerShell.dll-Help.xml'
            ($entries -like 'Dependencies/System.Text.Json.dll') | Should -Not -BeNullOrEmpty
            $entries | Should -Not -Contain 'System.Management.Automation.dll'
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'WuKongIM.nuspec').Open())
            $nuspec = [xml] $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'WuKongIM'
        $metadata.version | Should -Be $script:Version
        $metadata.tags | Should -Match 'WuKongIM'
        $metadata.projectUrl | Should -Not -BeNullOrEmpty
        $metadata.licenseUrl | Should -Not -BeNullOrEmpty
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'installs from a folder repository with Install-PSResource, and Get-WKSession then auto-loads the module by name' {
        Copy-Item -LiteralPath $script:Nupkg -Destination (Join-Path $script:Sandbox 'repo')
        $run = Invoke-Sandboxed @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name WKLocal -Uri '$(Join-Path $script:Sandbox 'repo')' -Trusted
Install-PSResource -Name WuKongIM -Repository WKLocal -Scope CurrentUser -Quiet
if (Get-Module WuKongIM) { throw 'loaded before use' }
`$env:WUKONGIM_URL = '$script:Uri'
`$session = Get-WKSession
`$module = Get-Module WuKongIM
"loaded=`$(`$module.Version) from=`$(`$module.ModuleBase)"
"session=`$(`$session.Uri)"
"type=`$(`$session.GetType().FullName)"
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match "loaded=$([regex]::Escape($script:Version)) from=$([regex]::Escape((Join-Path $script:Sandbox 'home')))"
        $run.Output | Should -Match "session=$([regex]::Escape($script:Uri))"
        $run.Output | Should -Match 'type=WuKongIM\.PowerShell\.WKSession'
    }
}
