#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The Messages cmdlets against the emulator, through the built module (out/WuKongIM). Run by ./build.ps1 -Test on a
    machine with pwsh and Pester 5, after `dotnet build -c Release`. Plain on purpose: call the cmdlets, look at what
    comes back and at the emulator's request counters.
#>

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repo 'out/WuKongIM/WuKongIM.psd1') -Force

    # A free port: bind to port 0 and let the OS choose.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()
    $script:Uri = "http://127.0.0.1:$port"

    $script:Emulator = Start-Process -FilePath dotnet -PassThru -NoNewWindow `
        -ArgumentList @('run', '--project', (Join-Path $repo 'src/WuKongIM.Emulator'), '-c', 'Release', '--no-build', '--', '--urls', $script:Uri) `
        -RedirectStandardOutput (Join-Path ([System.IO.Path]::GetTempPath()) "wk-emulator-$port.log")

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    $ready = $false
    while (-not $ready -and [DateTime]::UtcNow -lt $deadline) {
        try {
            Invoke-RestMethod -Uri "$script:Uri/health" -TimeoutSec 2 | Out-Null
            $ready = $true
        }
        catch {
            Start-Sleep -Milliseconds 250
        }
    }
    if (-not $ready) {
        throw "The emulator did not answer on $script:Uri within 60 seconds."
    }

    function Get-EmulatorCount([string] $Request) {
        $stats = Invoke-RestMethod -Uri "$script:Uri/_emulator/stats"
        $count = $stats.requests.$Request
        if ($null -eq $count) { 0 } else { $count }
    }
}

AfterAll {
    Disconnect-WKServer -ErrorAction SilentlyContinue
    if ($script:Emulator -and -not $script:Emulator.HasExited) {
        # dotnet run starts the emulator as a child process: end the whole tree.
        $script:Emulator.Kill($true)
    }
    Remove-Module WuKongIM -ErrorAction SilentlyContinue
}

Describe 'Messages' {
    BeforeAll {
        Connect-WKServer -Uri $script:Uri
    }

    It 'sends a text and finds it again by id, by client_msg_no and as the last message' {
        $sent = Send-WKMessage -ChannelId pm1 -ChannelType Group -Text 'hello' -FromUid alice
        $sent.MessageId | Should -BeGreaterThan ([long][math]::Pow(2, 53))
        ($sent | Get-WKMessage).Text | Should -Be 'hello'
        (Get-WKMessage -ChannelId pm1 -ChannelType Group -ClientMsgNo $sent.ClientMsgNo).MessageId | Should -Be $sent.MessageId
        (Get-WKMessage -ChannelId pm1 -ChannelType Group -Last).Text | Should -Be 'hello'
        (Get-WKMessage -ChannelId pm1 -ChannelType Group -MaxSeq).MaxMessageSeq | Should -Be 1
    }

    It 'reports a missing message as ObjectNotFound' {
        Get-WKMessage -ChannelId pm1 -ChannelType Group -MessageId 42 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses invalid base64 before sending anything' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        { Send-WKMessage -ChannelId pm1 -ChannelType Group -PayloadBase64 'aGVsbG8-' } | Should -Throw '*illegal base64 data at input byte 7*'
        Get-EmulatorCount 'POST /message/send' | Should -Be 0
    }

    It 'pages history and stops requesting once -First is reached' {
        1..30 | ForEach-Object { Send-WKMessage -ChannelId pm2 -ChannelType Group -Text "m$_" } | Out-Null
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $newest = Get-WKChannelMessage -ChannelId pm2 -ChannelType Group -NewestFirst -First 5 -PageSize 2
        $newest.MessageSeq | Should -Be @(30, 29, 28, 27, 26)
        Get-EmulatorCount 'POST /channel/messagesync' | Should -Be 3
        (Get-WKChannelMessage -ChannelId pm2 -ChannelType Group -All -PageSize 7).Count | Should -Be 30
    }

    It 'exports to JSON Lines and resumes without gaps or duplicates' {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) "wk-pester-$([guid]::NewGuid()).jsonl"
        try {
            (Export-WKChannelMessage -ChannelId pm2 -ChannelType Group -Path $path -EndSeq 10).Count | Should -Be 10
            (Export-WKChannelMessage -ChannelId pm2 -ChannelType Group -Path $path -Resume).Count | Should -Be 20
            (Get-Content $path | ConvertFrom-Json).message_seq | Should -Be (1..30)
        }
        finally {
            Remove-Item $path -ErrorAction SilentlyContinue
        }
    }

    It 'sends to many users with one request per batch and lists failures' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $results = 'u1', 'u2', 'bad@uid' | Send-WKMessage -FromUid bot -Text 'notice' -BatchSize 2
        Get-EmulatorCount 'POST /message/sendbatch' | Should -Be 2
        ($results | Where-Object -Not Succeeded).Uid | Should -Be 'bad@uid'
    }

    It 'types out a stream message and reads its lane' {
        $m = Send-WKMessage -ChannelId pm3 -ChannelType Group -FromUid bot -Text '...' -Stream
        'Hel', 'lo' | ForEach-Object { $m | Add-WKMessageEvent -Text $_ } | Out-Null
        ($m | Add-WKMessageEvent -EventType stream.close).StreamStatus | Should -Be 'closed'
        ($m | Get-WKMessageEvent).Text | Should -Be 'Hello'
    }
}
