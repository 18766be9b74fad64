#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Help as a user reads it in the real host: the about topics (en-US/about_*.help.txt, built from docs/about_*.md),
    the paging parameters and per-set mandatory parameters in the compiled MAML, and the behaviour the help examples
    rely on (Export-WKChannelMessage creating folders, Get-WKMigrationStatus on a server that does not migrate).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
    $script:ModuleFolder = Split-Path (Get-Module WuKongIM).Path
    $script:ModuleRoot = Split-Path $script:ModuleFolder

    function Invoke-FreshPwsh([string] $Command) {
        # A new pwsh process: nothing of this session (imported modules, help cache) carries over.
        $exe = [Environment]::ProcessPath
        $arguments = @()
        if ((Split-Path $exe -Leaf) -like 'dotnet*') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $arguments += '-NoProfile', '-NonInteractive', '-Command', $Command
        $output = & $exe @arguments 2>&1 | Out-String
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'about topics' {
    It 'Get-Help about_WuKongIM_Errors shows the topic when the module is on PSModulePath, not imported' {
        $command = "`$env:PSModulePath = '$script:ModuleRoot' + [IO.Path]::PathSeparator + `$env:PSModulePath; Get-Help about_WuKongIM_Errors | Out-String -Width 120"
        $result = Invoke-FreshPwsh $command
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Match '(?m)^TOPIC\s+about_WuKongIM_Errors'
        $result.Output | Should -Match '(?m)^    WKBadRequest\s*$'
        $result.Output | Should -Not -Match '(?m)^NAME\s*$' -Because 'a cmdlet''s help is not the about topic'
    }

    It 'Get-Help about_WuKongIM_Errors shows the topic when the module is imported by path' {
        $result = Invoke-FreshPwsh "Import-Module '$(Join-Path $script:ModuleFolder 'WuKongIM.psd1')'; Get-Help about_WuKongIM_Errors | Out-String -Width 120"
        $result.Output | Should -Match '(?m)^TOPIC\s+about_WuKongIM_Errors'
        $result.Output | Should -Match 'What to do:'
    }

    It 'Get-Help about_WuKongIM covers sessions, environment variables, bulk work and the emulator' {
        $text = Get-Help about_WuKongIM | Out-String -Width 120
        $text | Should -Match '(?m)^TOPIC\s+about_WuKongIM\s*$'
        foreach ($expected in 'Sessions', 'Environment variables', 'WUKONGIM_URL', 'WUKONGIM_MANAGER_TOKEN', 'WUKONGIM_STATE_PATH',
            '-ThrottleLimit', '-BatchSize', 'The emulator', 'about_WuKongIM_Errors') {
            $text | Should -Match ([regex]::Escape($expected))
        }
    }

    It 'about_WuKongIM_Errors gives every error id a cause and what to do' {
        $text = Get-Content (Join-Path $script:ModuleFolder 'en-US/about_WuKongIM_Errors.help.txt') -Raw
        $ids = [regex]::Matches($text, '(?m)^    (WK[A-Za-z]+)\s*$') | ForEach-Object { $_.Groups[1].Value }
        $ids.Count | Should -BeGreaterThan 30
        foreach ($id in $ids) {
            $text | Should -Match ("(?ms)^    $id\s*$\s+Category: \S+.*?Cause: .+?What to do: ") -Because "$id needs a cause and what to do"
        }
    }
}

Describe 'Paging parameters in the help' {
    It 'Get-Help <Cmdlet> -Parameter <Parameter> describes it' -ForEach @(
        foreach ($cmdlet in 'Get-WKUser', 'Get-WKChannel', 'Get-WKConnection') {
            @{ Cmdlet = $cmdlet; Parameter = 'First'; Type = 'UInt64' }
            @{ Cmdlet = $cmdlet; Parameter = 'Skip'; Type = 'UInt64' }
            @{ Cmdlet = $cmdlet; Parameter = 'IncludeTotalCount'; Type = 'SwitchParameter' }
        }) {
        $help = Get-Help $Cmdlet -Parameter $Parameter -ErrorAction Stop
        $help.name | Should -Be $Parameter
        $help.type.name | Should -Match $Type
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        ($help.description | Out-String) | Should -Not -Match 'No description has been written'
    }

    It 'Get-WKUser -First and -Skip do what the help says' {
        Connect-WKServer -Uri $script:Uri
        'pg1', 'pg2', 'pg3', 'pg4' | Register-WKUser | Out-Null
        $all = @(Get-WKUser)
        @(Get-WKUser -First 2).Uid | Should -Be @($all[0].Uid, $all[1].Uid)
        @(Get-WKUser -Skip 1 -First 2).Uid | Should -Be @($all[1].Uid, $all[2].Uid)
        $total = Get-WKUser -IncludeTotalCount -First 1 | Select-Object -First 1
        $total | Should -Match 'Unknown total count'
    }
}

Describe 'Parameters mandatory in one parameter set' {
    It 'Get-Help Send-WKMessage -Parameter FromUid says it is required with -ToUid' {
        $help = Get-Help Send-WKMessage -Parameter FromUid
        $help.required | Should -Be 'true'
        ($help.description | Out-String) | Should -Match 'Required with -ToUid'
        ($help.description | Out-String) | Should -Match 'Required in the ToUid parameter set'
    }

    It 'the ToUid syntax line shows -FromUid as required, the Channel line as optional' {
        $syntax = (Get-Help Send-WKMessage).syntax.syntaxItem
        $toUid = $syntax | Where-Object { $_.parameter.name -contains 'ToUid' }
        ($toUid.parameter | Where-Object name -eq 'FromUid').required | Should -Be 'true'
        $channel = $syntax | Where-Object { $_.parameter.name -contains 'ChannelType' }
        ($channel.parameter | Where-Object name -eq 'FromUid').required | Should -Be 'false'
    }

    It 'the cmdlet agrees: -ToUid without -FromUid is refused by PowerShell' {
        (Get-Command Send-WKMessage).Parameters['FromUid'].ParameterSets['ToUid'].IsMandatory | Should -BeTrue
    }
}

Describe 'Behaviour the help examples rely on' {
    BeforeEach {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/reset" | Out-Null
        Connect-WKServer -Uri $script:Uri
        $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) ('wk-help-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:Folder | Out-Null
        Push-Location $script:Folder
    }

    AfterEach {
        Pop-Location
        Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'Export-WKChannelMessage creates the missing folders of a relative path' {
        Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid alice -Text one | Out-Null
        Send-WKMessage -ChannelId g2 -ChannelType Group -FromUid alice -Text two | Out-Null
        $rows = 'g1', 'g2' | ForEach-Object { [pscustomobject]@{ channel_id = $_; channel_type = 'Group' } }
        $results = $rows | Export-WKChannelMessage -Path 'archive/{ChannelId}.jsonl' -Resume -ErrorAction Stop
        $results.Count | Should -Be 2
        Join-Path $script:Folder 'archive/g1.jsonl' | Should -Exist
        (Get-Content (Join-Path $script:Folder 'archive/g2.jsonl') | ConvertFrom-Json).text | Should -Be 'two'
    }

    It 'Get-WKMigrationStatus on a server that does not migrate: running, with no step and no attempts' {
        $status = Get-WKMigrationStatus
        $status.Status | Should -Be 'running'
        $status.Step | Should -BeNullOrEmpty
        $status.TryCount | Should -Be 0
        $status.HasError | Should -BeFalse
    }

    It 'Block-WKUser refuses a fixed date that has passed, which is why the help uses a relative one' {
        Register-WKUser -Uid mallory | Out-Null
        $saved = $env:WUKONGIM_STATE_PATH
        $env:WUKONGIM_STATE_PATH = Join-Path $script:Folder 'state.json'
        try {
            { Block-WKUser -Uid mallory -Until '2026-06-01' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'WKInvalidBlockEnd*'
            (Block-WKUser -Uid mallory -Until (Get-Date).AddDays(7) -Force -WarningAction SilentlyContinue).Banned | Should -BeTrue
        }
        finally {
            $env:WUKONGIM_STATE_PATH = $saved
        }
    }
}
