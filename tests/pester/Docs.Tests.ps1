#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Executable documentation: every example of the help (docs/Verb-Noun.md, the first code block of each example) and
    every code block of README.md runs against the emulator, so the help and the README cannot drift from the code.
    The blocks are read from the markdown at discovery, so a new example is a new test.

    - A help example runs alone: the emulator is reset, the test writes the data it needs (a standard set of users,
      channels and messages, plus what the example itself needs, below), and the example runs in a new runspace with
      the module imported, in a temp folder holding the sample files of examples/. It passes when it writes no error
      and its output formats without error.
    - The README runs top to bottom on a fresh emulator, in one runspace, one test per block, as a reader would paste it.
    - Documented server addresses (DocExamples.ps1) are replaced with the emulator's address; nothing else is changed.
    - An example that needs what the emulator cannot provide carries '# needs a real server: <reason>' (or, for the
      package install, '# needs the package: <reason>') in its own code;
      its test checks the note and the reason instead of running it.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $helpExamples = @(Get-HelpExample -DocsPath (Join-Path $repo 'docs') | ForEach-Object {
            @{ Key = $_.Key; Name = $_.Name; Code = $_.Code; Line = $_.Line; Language = $_.Language; Marked = $_.Code -match $RealServerNote }
        })
    $readmeBlocks = @(Get-ReadmeBlock -Path (Join-Path $repo 'README.md') | ForEach-Object {
            @{ Key = $_.Key; Name = $_.Name; Code = $_.Code; Line = $_.Line; Language = $_.Language; Marked = $_.Code -match $RealServerNote }
        })
    # The PowerShell blocks of the about topics (docs/about_*.md) run the same way as the examples.
    $aboutBlocks = @(Get-ChildItem (Join-Path $repo 'docs') -Filter 'about_*.md' | Sort-Object Name | ForEach-Object {
            $page = $_
            $number = 0
            Get-FencedBlock -Path $page.FullName | Where-Object Language -eq 'powershell' | ForEach-Object {
                $number++
                @{ Key = "$($page.Name)#$number"; Name = "$($page.BaseName) block $number"; Code = $_.Code; Line = $_.Line; Language = $_.Language; Marked = $_.Code -match $RealServerNote }
            }
        })
    $helpExamples += $aboutBlocks
    $runnableHelp = @($helpExamples | Where-Object { -not $_.Marked })
    $markedHelp = @($helpExamples | Where-Object Marked)
    $readmePowerShell = @($readmeBlocks | Where-Object Language -eq 'powershell')
    $readmeShell = @($readmeBlocks | Where-Object Language -ne 'powershell')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    Start-TestEmulator
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $script:Repo 'out/WuKongIM/WuKongIM.psd1'
    $script:Samples = Join-Path $script:Repo 'examples'
    $script:EnvNames = 'WUKONGIM_URL', 'WUKONGIM_MANAGER_TOKEN', 'WUKONGIM_STATE_PATH'

    function New-ExampleFolder {
        # A fresh temp folder with a copy of the sample files: examples write files (tokens.csv, archives) next to them.
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('wk-doc-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        Copy-Item -Path (Join-Path $script:Samples '*') -Destination $folder -Recurse
        $folder
    }

    function New-DocRunspace([string] $Folder) {
        # A runspace as a reader's session: the module imported by path, no host to answer prompts (a prompt fails).
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule([string[]] @($script:ModulePath))
        $runspace = [runspacefactory]::CreateRunspace($iss)
        $runspace.Open()
        $runspace.SessionStateProxy.Path.SetLocation([System.Management.Automation.WildcardPattern]::Escape($Folder)) | Out-Null
        $runspace.SessionStateProxy.SetVariable('DocUri', $script:Uri)
        Invoke-DocCode $runspace $script:ReadHostAnswer | Out-Null
        $runspace
    }

    function Invoke-DocCode($Runspace, [string] $Code) {
        # Runs code in the runspace and formats its output as the console would; reports errors and the output text.
        $ps = [powershell]::Create()
        $ps.Runspace = $Runspace
        $null = $ps.AddScript($Code).AddCommand('Out-String').AddParameter('Width', 160)
        $errors = [System.Collections.Generic.List[string]]::new()
        $output = ''
        try {
            $output = -join $ps.Invoke()
        }
        catch {
            # Invoke wraps a terminating error; the inner exception is the one the code threw.
            $thrown = if ($_.Exception.InnerException) { $_.Exception.InnerException } else { $_.Exception }
            $errors.Add('terminating: ' + $thrown.Message)
        }
        foreach ($record in $ps.Streams.Error) {
            $errors.Add($record.FullyQualifiedErrorId + ': ' + $record.Exception.Message)
        }
        $ps.Dispose()
        [pscustomobject]@{ Output = $output; Errors = $errors }
    }

    # The reader types the manager token at Read-Host's prompt; the emulator needs none, so any text does.
    $script:ReadHostAnswer = 'function Read-Host { param([string] $Prompt, [switch] $AsSecureString) ConvertTo-SecureString ''typed-at-the-prompt'' -AsPlainText -Force }'

    function Save-Environment {
        $saved = @{}
        foreach ($name in $script:EnvNames) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $saved
    }

    function Restore-Environment($Saved) {
        foreach ($name in $script:EnvNames) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
    }

    # The data every help example may rely on: users, two groups with members and messages, a person chat, a device
    # connection, list entries, a system user and a recorded block. Written through the module, as a reader would.
    $script:World = @'
Connect-WKServer -Uri $DocUri | Out-Null
'alice', 'bob', 'carol', 'mallory', 'trudy', 'u1', 'u2', 'u3', 'admin', 'bot', 'bot1', 'bot2', 'system_bot',
    'spammer1', 'spammer2', 'admin1', 'admin2', 'admin3', 'a', 'b', 'c' | Register-WKUser | Out-Null
New-WKChannel -ChannelId g1 -ChannelType Group -Subscriber alice, bob, carol, u1, u2, u3 | Out-Null
New-WKChannel -ChannelId g2 -ChannelType Group -Subscriber alice, u1 | Out-Null
1..3 | ForEach-Object { Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid alice -Text "hello $_" } | Out-Null
Send-WKMessage -ChannelId g2 -ChannelType Group -FromUid alice -Text 'hello g2' | Out-Null
Send-WKMessage -ChannelId bob -ChannelType Person -FromUid alice -Text 'hi bob' | Out-Null
Invoke-RestMethod -Method Post -Uri "$DocUri/_emulator/connections" -ContentType 'application/json' -Body '{"uid":"alice","device_flag":1,"device_level":1}' | Out-Null
Invoke-RestMethod -Method Post -Uri "$DocUri/_emulator/connections" -ContentType 'application/json' -Body '{"uid":"alice","device_flag":0,"device_level":0}' | Out-Null
Add-WKChannelBlacklist -ChannelId g1 -Uid spammer1 | Out-Null
Add-WKUserBlocklist -Uid alice -BlockedUid trudy | Out-Null
Add-WKUserAllowlist -Uid alice -AllowedUid bob | Out-Null
Add-WKSystemUser -Uid bot-news | Out-Null
Block-WKUser -Uid mallory -Duration (New-TimeSpan -Hours 1) -Reason spam -Force -WarningAction SilentlyContinue | Out-Null
'@

    # What single examples need beyond the world, keyed by page and example number. Each is the state a reader would
    # have from the example before it or from their own work.
    $script:ExampleSetup = @{
        'Add-WKMessageEvent.md#2'      = '$m = Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid bot -Text ''...'' -Stream'
        'Get-WKMessageEvent.md#1'      = '$m = Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid bot -Text ''...'' -Stream; $m | Add-WKMessageEvent -Text hi | Out-Null; $m | Add-WKMessageEvent -EventType stream.close | Out-Null'
        'Connect-WKServer.md#3'        = '$token = ConvertTo-SecureString ''manager-token-of-the-test'' -AsPlainText -Force'
        'Set-WKUserToken.md#1'         = '$tokenFromAppServer = ''token-from-the-app-server-1'''
        'Get-WKMessage.md#2'           = '$sent = Send-WKMessage -ChannelId bob -ChannelType Person -FromUid alice -Text hi -ClientMsgNo 5f2c0e7d9a1b4c3e8f6a7b8c9d0e1f2a'
        'Remove-WKChannelWhitelist.md#1' = 'Add-WKChannelWhitelist -ChannelId g1 -Uid alice | Out-Null'
        'Remove-WKChannelBlacklist.md#1' = 'Add-WKChannelBlacklist -ChannelId g1 -Uid alice | Out-Null'
        'Get-WKMessage.md#4'           = '4..12 | ForEach-Object { Send-WKMessage -ChannelId g1 -ChannelType Group -FromUid alice -Text "hello $_" } | Out-Null'
        'Reset-WKUserToken.md#2'       = 'Get-Content ./uids.txt | Register-WKUser -DeviceFlag PC | Out-Null'
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'The documentation''s code is found' {
    It 'reads the examples of every cmdlet page and every README block' -ForEach @{ HelpCount = $helpExamples.Count; ReadmeCount = $readmePowerShell.Count } {
        $HelpCount | Should -BeGreaterThan 100
        $ReadmeCount | Should -BeGreaterThan 5
    }

    It 'points only documented addresses at the emulator: <Name>' -ForEach ($runnableHelp + $readmePowerShell) {
        @(Get-UndocumentedServer -Code $Code) | Should -BeNullOrEmpty -Because "an address that is not in DocExamples.ps1's list would reach a real host (line $Line)"
    }
}

Describe 'Help examples run against the emulator' {
    BeforeEach {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/reset" | Out-Null
        $script:SavedEnv = Save-Environment
        $script:Folder = New-ExampleFolder
        $env:WUKONGIM_STATE_PATH = Join-Path $script:Folder 'state.json'
    }

    AfterEach {
        if ($script:Runspace) { $script:Runspace.Dispose(); $script:Runspace = $null }
        Restore-Environment $script:SavedEnv
        Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '<Name>' -ForEach $runnableHelp {
        $Language | Should -Be 'powershell' -Because 'an example''s first block is the code Get-Help shows'
        $script:Runspace = New-DocRunspace $script:Folder
        $world = Invoke-DocCode $script:Runspace $script:World
        $world.Errors | Should -BeNullOrEmpty -Because 'the test''s own set-up must work'
        if ($script:ExampleSetup.ContainsKey($Key)) {
            $setup = Invoke-DocCode $script:Runspace $script:ExampleSetup[$Key]
            $setup.Errors | Should -BeNullOrEmpty -Because 'the example''s set-up must work'
        }
        $result = Invoke-DocCode $script:Runspace (ConvertTo-EmulatorCode -Code $Code -Uri $script:Uri)
        $result.Errors | Should -BeNullOrEmpty -Because "docs/$($Key -replace '#.*') line $Line must run as written"
    }

    It '<Name> says why it needs a real server' -ForEach $markedHelp {
        $Code | Should -Match $RealServerNote
        ([regex]::Match($Code, $RealServerNote).Groups['reason'].Value.Trim().Length) | Should -BeGreaterThan 10 -Because 'the note gives the reason'
    }
}

Describe 'The README runs top to bottom on a fresh emulator' {
    BeforeAll {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/reset" | Out-Null
        $script:ReadmeEnv = Save-Environment
        # The README's paths are relative to the repository root (./out/WuKongIM) and its sample files to examples/.
        $script:ReadmeRoot = Join-Path ([System.IO.Path]::GetTempPath()) ('wk-readme-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:ReadmeRoot | Out-Null
        Copy-Item -Path $script:Samples -Destination (Join-Path $script:ReadmeRoot 'examples') -Recurse
        $env:WUKONGIM_STATE_PATH = Join-Path $script:ReadmeRoot 'state.json'
        # The README's runspace does not import the module: its own Import-Module line does.
        $script:ReadmeRunspace = [runspacefactory]::CreateRunspace([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        $script:ReadmeRunspace.Open()
        $script:ReadmeRunspace.SessionStateProxy.Path.SetLocation([System.Management.Automation.WildcardPattern]::Escape($script:ReadmeRoot)) | Out-Null
        Invoke-DocCode $script:ReadmeRunspace $script:ReadHostAnswer | Out-Null
    }

    AfterAll {
        $script:ReadmeRunspace.Dispose()
        Restore-Environment $script:ReadmeEnv
        Remove-Item -LiteralPath $script:ReadmeRoot -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '<Name>' -ForEach $readmePowerShell {
        if ($Marked) {
            ([regex]::Match($Code, $RealServerNote).Groups['reason'].Value.Trim().Length) | Should -BeGreaterThan 10
            return
        }
        $result = Invoke-DocCode $script:ReadmeRunspace (ConvertTo-EmulatorCode -Code $Code -Uri $script:Uri -ModulePath $script:ModulePath)
        $result.Errors | Should -BeNullOrEmpty -Because "README.md line $Line must run as written, after the blocks above it"
    }

    # What the blocks above left behind, where running without an error is not enough (issue 11, item 3).
    It 'the archive line created its folder and wrote one file per group of groups.csv' {
        Join-Path $script:ReadmeRoot 'examples/archive/g1.jsonl' | Should -Exist
        Join-Path $script:ReadmeRoot 'examples/archive/g2.jsonl' | Should -Exist
        (Get-Content (Join-Path $script:ReadmeRoot 'examples/archive/g1.jsonl') | Measure-Object).Count | Should -BeGreaterThan 0
    }

    It 'the stream example shows the text of the closed stream' {
        $events = Invoke-DocCode $script:ReadmeRunspace '$m | Get-WKMessageEvent | Format-List EventKey, Text'
        $events.Errors | Should -BeNullOrEmpty
        $events.Output | Should -Match 'Text\s*: Hello, world'
    }

    It 'the max_message_seq line runs after g1 has messages' {
        $seq = Invoke-DocCode $script:ReadmeRunspace "(Invoke-WKRestMethod /channel/max_message_seq -Query @{ channel_id = 'g1'; channel_type = 2 }).message_seq"
        [int] $seq.Output.Trim() | Should -BeGreaterThan 0
    }
}

Describe 'README blocks for other shells name what exists' {
    # Commands for sh and the module layout are not PowerShell to run here; what they name must exist, so they cannot
    # drift either: projects and scripts in the repository, and the files of the built module folder.
    It '<Name>' -ForEach $readmeShell {
        $paths = @([regex]::Matches($Code, '(?<=--project\s+)\S+|(?<![\w/])(?:\./)?(?:src|bench|tests)/[\w./-]+|(?<![\w/])(?:\./)?[\w-]+\.(?:sln|ps1)\b') |
                ForEach-Object Value | Sort-Object -Unique)
        $layout = $Code -match 'out/WuKongIM/'
        $moduleFiles = @(if ($layout) { [regex]::Matches($Code, '\b[\w.-]+\.(?:psd1|ps1xml|dll|xml|txt)\b') | ForEach-Object Value | Sort-Object -Unique })
        ($paths.Count + $moduleFiles.Count) | Should -BeGreaterThan 0 -Because "README.md line $Line is neither PowerShell, a command naming repository files, nor the module layout"
        foreach ($path in $paths | Where-Object { -not $layout }) {
            Join-Path $script:Repo $path | Should -Exist -Because "README.md line $Line names it"
        }
        $built = Get-ChildItem -LiteralPath (Split-Path $script:ModulePath) -Recurse -File | ForEach-Object Name
        foreach ($file in $moduleFiles) {
            $built | Should -Contain $file -Because "README.md line $Line lists it in the module folder"
        }
    }
}
