#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The Messages cmdlets against the emulator, through the built module (out/WuKongIM). Run by ./build.ps1 -Test on a
    machine with pwsh and Pester 5, after `dotnet build -c Release`. Plain on purpose: call the cmdlets, look at what
    comes back and at the emulator's request counters.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator
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

    It 'sends PSCustomObject payloads and JSON text read from a file' {
        $fromJson = Send-WKMessage -ChannelId pm3 -ChannelType Group -Payload ('{"type":1,"content":"from json"}' | ConvertFrom-Json)
        ($fromJson | Get-WKMessage).Content.content | Should -Be 'from json'
        $path = Join-Path ([System.IO.Path]::GetTempPath()) "wk-pester-$([guid]::NewGuid()).json"
        try {
            Set-Content -Path $path -Value '{"type":1,"content":"from file"}'
            $fromFile = Send-WKMessage -ChannelId pm3 -ChannelType Group -Payload (Get-Content -Path $path -Raw)
            ($fromFile | Get-WKMessage).Content.content | Should -Be 'from file'
        }
        finally {
            Remove-Item $path -ErrorAction SilentlyContinue
        }
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

    It 'refuses a payload above the client limit once, before any piped channel is sent to' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        $channels = 'pm1', 'pm2' | ForEach-Object { [pscustomobject]@{ channel_id = $_; channel_type = 'Group' } }
        { $channels | Send-WKMessage -PayloadBytes ([byte[]]::new(1MB + 1)) } | Should -Throw "*above the client's limit*"
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
