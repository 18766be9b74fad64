<#
    Reads the code the documentation shows, so Docs.Tests.ps1 can run it: the first fenced block of every example in
    docs/Verb-Noun.md (the code Get-Help shows; later blocks are sample output) and every fenced block of README.md.
    Dot-source it; it only reads files.
#>

# The server addresses the documentation uses, and nothing else, are pointed at the test emulator. A new address in an
# example fails the test that checks this list (Docs.Tests.ps1), so no example talks to a real host by accident.
$script:DocumentedServers = @(
    'http://127.0.0.1:5001'
    'http://im.example.internal:5001'
    'https://im.example.com'
    'http://im.internal:5001'
    'http://10.0.0.5:5001'
    'http://10.0.0.6:5001'
    'http://10.0.0.7:5001'
    '10.0.0.5:5001'
)

# An example that needs what the emulator cannot provide says so in its own code, with the reason: a real server, or
# the .nupkg that build.ps1 -Package writes (installing it changes the user's PSResourceGet settings and module folder).
$script:RealServerNote = '(?m)^\s*#\s*needs (?:a real server|the package):\s*(?<reason>\S.*)$'

function Get-FencedBlock {
    <# Every fenced block of a markdown text: language, code, the 1-based line of its first code line, and the
       '##' / '###' headings it sits under. #>
    param([Parameter(Mandatory)][string] $Path)
    $lines = [System.IO.File]::ReadAllLines($Path)
    $section = ''; $entry = ''
    for ($i = 0; $i -lt $lines.Length; $i++) {
        $line = $lines[$i]
        if ($line -match '^```(?<lang>\S*)\s*$') {
            $language = $Matches.lang
            $start = $i + 1
            $end = $start
            while ($end -lt $lines.Length -and $lines[$end] -notmatch '^```\s*$') { $end++ }
            if ($end -ge $lines.Length) { throw "${Path}($($i + 1)): a code fence is never closed." }
            [pscustomobject]@{
                Language = $language
                Code     = ($lines[$start..($end - 1)] -join "`n")
                Line     = $start + 1
                Section  = $section
                Entry    = $entry
            }
            $i = $end
        }
        elseif ($line -match '^## (?<t>.+)$') { $section = $Matches.t.Trim(); $entry = '' }
        elseif ($line -match '^### (?<t>.+)$') { $entry = $Matches.t.Trim() }
    }
}

function Get-HelpExample {
    <# The code of every example of every cmdlet page: the first fenced block under each '### ' of '## EXAMPLES'. #>
    param([Parameter(Mandatory)][string] $DocsPath)
    foreach ($page in Get-ChildItem -LiteralPath $DocsPath -Filter '*-*.md' | Sort-Object Name) {
        $seen = @{}
        foreach ($block in Get-FencedBlock -Path $page.FullName | Where-Object Section -eq 'EXAMPLES') {
            if ($seen.ContainsKey($block.Entry)) { continue }
            $seen[$block.Entry] = $true
            $number = $seen.Count
            [pscustomobject]@{
                Key      = "$($page.Name)#$number"
                Name     = "$($page.BaseName) example $number ($($block.Entry -replace '^Example \d+:\s*'))"
                Page     = $page.BaseName
                Code     = $block.Code
                Line     = $block.Line
                Language = $block.Language
            }
        }
    }
}

function Get-ReadmeBlock {
    <# Every fenced block of README.md, in order, numbered from 1. #>
    param([Parameter(Mandatory)][string] $Path)
    $number = 0
    foreach ($block in Get-FencedBlock -Path $Path) {
        $number++
        [pscustomobject]@{
            Key      = "README.md#$number"
            Name     = "README block $number, line $($block.Line) ($($block.Section))"
            Code     = $block.Code
            Line     = $block.Line
            Language = $block.Language
            Section  = $block.Section
        }
    }
}

function ConvertTo-EmulatorCode {
    <# The example as the test runs it: documented server addresses become the emulator's, and the README's relative
       module path becomes the built module's full path. Nothing else is changed. #>
    param([Parameter(Mandatory)][string] $Code, [Parameter(Mandatory)][string] $Uri, [string] $ModulePath)
    $result = $Code
    foreach ($server in $script:DocumentedServers | Sort-Object Length -Descending) {
        # Whole addresses only: not inside a longer host name or port.
        $result = [regex]::Replace($result, '(?<![\w./:-])' + [regex]::Escape($server) + '(?![\w.:-])', $Uri)
    }
    if ($ModulePath) {
        $result = $result.Replace('./out/WuKongIM/WuKongIM.psd1', $ModulePath)
    }
    $result
}

function Get-UndocumentedServer {
    <# Addresses in code that are neither documented placeholders nor the emulator: they would reach a real host. #>
    param([Parameter(Mandatory)][string] $Code)
    [regex]::Matches($Code, 'https?://[\w.-]+(:\d+)?') | ForEach-Object Value |
        Where-Object { $_ -notin $script:DocumentedServers -and $_ -ne 'https://github.com' }
}
