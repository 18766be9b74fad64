<#
    Shared by the *.Tests.ps1 files: dot-source it inside BeforeAll. Imports the built module and starts the emulator
    on a free loopback port (the build must have run: dotnet build -c Release).
#>

function Start-TestEmulator {
    <#
        -Nodes N starts an N-node cluster: node 1001 on $script:Uri and node 1000+k on the k-1th port after it
        ($script:NodeUris lists them all). -ExtraArgs go to the emulator as given, e.g. '--manager-user', 'admin:pw:*:rw'.
    #>
    param(
        [ValidateRange(1, 64)] [int] $Nodes = 1,
        [string[]] $ExtraArgs = @()
    )
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'out/WuKongIM/WuKongIM.psd1') -Force

    # A free port: bind to port 0 and let the OS choose; a cluster needs the ports after it free too.
    $port = 0
    for ($try = 0; $try -lt 20 -and $port -eq 0; $try++) {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $candidate = $listener.LocalEndpoint.Port
        $listener.Stop()
        $free = $candidate + $Nodes - 1 -le 65535
        for ($k = 1; $free -and $k -lt $Nodes; $k++) {
            $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $candidate + $k)
            try { $probe.Start(); $probe.Stop() } catch { $free = $false }
        }
        if ($free) { $port = $candidate }
    }
    if ($port -eq 0) { throw "No $Nodes consecutive free loopback ports were found." }
    $script:Uri = "http://127.0.0.1:$port"
    $script:NodeUris = @(0..($Nodes - 1) | ForEach-Object { "http://127.0.0.1:$($port + $_)" })

    $arguments = @('run', '--project', (Join-Path $repo 'src/WuKongIM.Emulator'), '-c', 'Release', '--no-build', '--', '--urls', $script:Uri)
    if ($Nodes -gt 1) { $arguments += @('--nodes', "$Nodes") }
    $arguments += $ExtraArgs
    $script:Emulator = Start-Process -FilePath dotnet -PassThru -NoNewWindow -ArgumentList $arguments `
        -RedirectStandardOutput (Join-Path ([System.IO.Path]::GetTempPath()) "wk-emulator-$port.log")

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        try {
            Invoke-RestMethod -Uri "$script:Uri/health" -TimeoutSec 2 | Out-Null
            return
        }
        catch {
            Start-Sleep -Milliseconds 250
        }
    }
    throw "The emulator did not answer on $script:Uri within 60 seconds."
}

function Stop-TestEmulator {
    Disconnect-WKServer -ErrorAction SilentlyContinue
    if ($script:Emulator -and -not $script:Emulator.HasExited) {
        # dotnet run starts the emulator as a child process: end the whole tree.
        $script:Emulator.Kill($true)
    }
    Remove-Module WuKongIM -ErrorAction SilentlyContinue
}

function Get-EmulatorCount([string] $Request) {
    $stats = Invoke-RestMethod -Uri "$script:Uri/_emulator/stats"
    $count = $stats.requests.$Request
    if ($null -eq $count) { 0 } else { $count }
}

# How to start a fresh pwsh like the one running the tests: under 'dotnet pwsh' the process is dotnet, so it needs
# pwsh.dll as its first argument; a native pwsh runs by itself.
function Get-PwshCommand {
    $process = [System.Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        , @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    else {
        , @($process)
    }
}
