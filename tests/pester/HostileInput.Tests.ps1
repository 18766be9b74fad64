#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Hostile input (issue 12): every exported cmdlet's main id, uid, token, key and path parameters get empty, blank and
    $null values, 1 MB strings, control characters, emoji, '@ # & / ?' in ids; enum parameters get wrong names and
    numbers; number parameters get negative and huge values; CSV rows have blank cells or miss the uid column; payloads
    are not JSON or refer to themselves.

    An input that must be refused has to end in a specific ErrorId (WK* or one of PowerShell's own binding ids) with
    nothing sent: the emulator's request counters (/_emulator/stats) stay at 0. No input may end in an unplanned error
    (WKUnexpectedError, a bare .NET exception) or take the host down. The figures are printed at the end of the run:
    inputs tried, refused cleanly, sent wrongly (must be 0), crashes (must be 0).
#>

BeforeDiscovery {
    $emoji = [char]::ConvertFromUtf32(0x1F600)
    # Class: what kind of hostile value it is; each parameter kind below says which classes it must refuse.
    $values = @(
        @{ VName = 'empty'; V = ''; Class = 'Blank' }
        @{ VName = 'whitespace'; V = '   '; Class = 'Blank' }
        @{ VName = 'null'; V = $null; Class = 'Blank' }
        @{ VName = '1MB'; V = ('x' * 1MB); Class = 'Huge' }
        @{ VName = 'NUL'; V = "a$([char]0)b"; Class = 'Control' }
        @{ VName = 'newline'; V = "a`nb"; Class = 'Control' }
        @{ VName = 'escape'; V = "a$([char]27)b"; Class = 'Control' }
        @{ VName = 'emoji'; V = "u$emoji"; Class = 'Emoji' }
        @{ VName = 'at'; V = 'a@b'; Class = 'Special' }
        @{ VName = 'hash'; V = 'a#b'; Class = 'Special' }
        @{ VName = 'ampersand'; V = 'a&b'; Class = 'Special' }
        @{ VName = 'slash'; V = 'a/b'; Class = 'Url' }
        @{ VName = 'question'; V = 'a?b'; Class = 'Url' }
    )
    # Which value classes each kind of parameter must refuse (every other class must at least not crash).
    $refuses = @{
        UserUid   = @('Blank', 'Control', 'Special')   # uids of the user routes: the server refuses @ # &
        ListUid   = @('Blank', 'Control')              # uids stored in lists
        ReadUid   = @('Blank', 'Control')              # uids only looked up
        ChannelId = @('Blank', 'Control')
        Secret    = @('Blank')
        Key       = @('Blank')
        Path      = @('Blank')
        Uri       = @('Blank', 'Control')                # 'u<emoji>' or 'a/b' read as http://host/path: valid
        RestPath  = @('Blank', 'Control')
    }
    # Cmd, the parameters ('{V}' marks the hostile one) and the kind of the hostile parameter. BlankSkips: a list command
    # that skips an empty or whitespace entry (the last line of a file) with one warning giving the count, and sends
    # nothing for it (issue 11 item 15); a Set-* replace left with no valid uid is still an error (issue 12 item 1).
    $targets = @(
        @{ Cmd = 'Add-WKSystemUser'; P = @{ Uid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Remove-WKSystemUser'; P = @{ Uid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Register-WKUser'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Set-WKUserToken'; P = @{ Uid = '{V}'; Token = 'tok-1' }; Kind = 'UserUid' }
        @{ Cmd = 'Set-WKUserToken'; P = @{ Uid = 'hi-user'; Token = '{V}' }; Kind = 'Secret' }
        @{ Cmd = 'Reset-WKUserToken'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Revoke-WKUserToken'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Invoke-WKDeviceQuit'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Get-WKUser'; P = @{ Uid = '{V}' }; Kind = 'ReadUid' }
        @{ Cmd = 'Get-WKUserDevice'; P = @{ Uid = '{V}' }; Kind = 'ReadUid' }
        @{ Cmd = 'Get-WKOnlineStatus'; P = @{ Uid = '{V}' }; Kind = 'ReadUid'; BlankSkips = $true }
        @{ Cmd = 'Get-WKRoute'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Set-WKUserPlugin'; P = @{ Uid = '{V}'; PluginNo = 'p1' }; Kind = 'UserUid' }
        @{ Cmd = 'Block-WKUser'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Unblock-WKUser'; P = @{ Uid = '{V}' }; Kind = 'UserUid' }
        @{ Cmd = 'Add-WKUserBlocklist'; P = @{ Uid = '{V}'; BlockedUid = 'x1' }; Kind = 'UserUid' }
        @{ Cmd = 'Add-WKUserBlocklist'; P = @{ Uid = 'hi-owner'; BlockedUid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Add-WKUserAllowlist'; P = @{ Uid = 'hi-owner'; AllowedUid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Set-WKUserBlocklist'; P = @{ Uid = 'hi-owner'; BlockedUid = '{V}' }; Kind = 'ListUid' }
        @{ Cmd = 'Set-WKUserAllowlist'; P = @{ Uid = 'hi-owner'; AllowedUid = '{V}' }; Kind = 'ListUid' }
        @{ Cmd = 'Remove-WKUserBlocklist'; P = @{ Uid = 'hi-owner'; BlockedUid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Remove-WKUserAllowlist'; P = @{ Uid = 'hi-owner'; AllowedUid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Get-WKUserBlocklist'; P = @{ Uid = '{V}' }; Kind = 'ReadUid' }
        @{ Cmd = 'Get-WKUserAllowlist'; P = @{ Uid = '{V}' }; Kind = 'ReadUid' }

        @{ Cmd = 'New-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Set-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Large = $true }; Kind = 'ChannelId' }
        @{ Cmd = 'Remove-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKChannel'; P = @{ ChannelId = '{V}' }; Kind = 'ChannelId' }
        @{ Cmd = 'Block-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Unblock-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Lock-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Unlock-WKChannel'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Set-WKChannelSubscriber'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Set-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid' }
        @{ Cmd = 'Remove-WKChannelSubscriber'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Remove-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Get-WKChannelSubscriber'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKChannelBlacklist'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKChannelBlacklist'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Set-WKChannelBlacklist'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid' }
        @{ Cmd = 'Remove-WKChannelBlacklist'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKChannelBlacklist'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKChannelWhitelist'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKChannelWhitelist'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid'; BlankSkips = $true }
        @{ Cmd = 'Set-WKChannelWhitelist'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Uid = '{V}' }; Kind = 'ListUid' }
        @{ Cmd = 'Remove-WKChannelWhitelist'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Uid = 'm1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKChannelWhitelist'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }

        @{ Cmd = 'Send-WKMessage'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Text = 'hi' }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKChannelMessage'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKMessage'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; MessageId = 1 }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; ClientMsgNo = '{V}' }; Kind = 'Key' }
        @{ Cmd = 'Add-WKMessageEvent'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; ClientMsgNo = 'c1'; Text = 'x' }; Kind = 'ChannelId' }
        @{ Cmd = 'Add-WKMessageEvent'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; ClientMsgNo = '{V}'; Text = 'x' }; Kind = 'Key' }
        @{ Cmd = 'Get-WKMessageEvent'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; ClientMsgNo = 'c1' }; Kind = 'ChannelId' }
        @{ Cmd = 'Export-WKChannelMessage'; P = @{ ChannelId = '{V}'; ChannelType = 'Group'; Path = '{TMP}' }; Kind = 'ChannelId' }
        @{ Cmd = 'Export-WKChannelMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Path = '{V}' }; Kind = 'Path' }

        @{ Cmd = 'Get-WKConversation'; P = @{ Uid = '{V}' }; Kind = 'ReadUid' }
        @{ Cmd = 'Get-WKConversationChannel'; P = @{ Uid = '{V}' }; Kind = 'ReadUid' }
        @{ Cmd = 'Get-WKConversationMessage'; P = @{ Uid = '{V}'; ChannelId = 'hi-g'; ChannelType = 'Group' }; Kind = 'ReadUid' }
        @{ Cmd = 'Get-WKConversationMessage'; P = @{ Uid = 'hi-user'; ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Clear-WKConversationUnread'; P = @{ Uid = '{V}'; ChannelId = 'hi-g'; ChannelType = 'Group' }; Kind = 'ReadUid' }
        @{ Cmd = 'Clear-WKConversationUnread'; P = @{ Uid = 'hi-user'; ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Set-WKConversationUnread'; P = @{ Uid = '{V}'; ChannelId = 'hi-g'; ChannelType = 'Group'; Unread = 1 }; Kind = 'ReadUid' }
        @{ Cmd = 'Remove-WKConversation'; P = @{ Uid = 'hi-user'; ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }

        @{ Cmd = 'Get-WKTag'; P = @{ TagKey = '{V}' }; Kind = 'Key' }
        @{ Cmd = 'Remove-WKTag'; P = @{ TagKey = '{V}' }; Kind = 'Key' }
        @{ Cmd = 'Remove-WKTag'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }
        @{ Cmd = 'Get-WKTag'; P = @{ ChannelId = '{V}'; ChannelType = 'Group' }; Kind = 'ChannelId' }

        @{ Cmd = 'Disconnect-WKConnection'; P = @{ Uid = '{V}'; ConnId = 1 }; Kind = 'ReadUid' }
        @{ Cmd = 'Connect-WKServer'; P = @{ Uri = '{V}'; SkipCheck = $true }; Kind = 'Uri' }
        @{ Cmd = 'Invoke-WKRestMethod'; P = @{ Path = '{V}' }; Kind = 'RestPath' }
    )
    $idCases = foreach ($t in $targets) {
        foreach ($v in $values) {
            @{
                Name   = '{0} -{1} {2}' -f $t.Cmd, (($t.P.GetEnumerator() | Where-Object { $_.Value -eq '{V}' }).Key), $v.VName
                Cmd    = $t.Cmd
                P      = $t.P
                V      = $v.V
                Refuse = $refuses[$t.Kind] -contains $v.Class
                Skip   = [bool]$t.BlankSkips -and $v.Class -eq 'Blank' -and $null -ne $v.V
            }
        }
    }

    # Wrong enum values, negative and huge numbers: every one must be refused.
    $badArguments = @(
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; Uid = 'm1'; ChannelType = 'Bogus' } }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; Uid = 'm1'; ChannelType = 0 } }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; Uid = 'm1'; ChannelType = 99 } }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; Uid = 'm1'; BatchSize = -1 } }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; Uid = 'm1'; BatchSize = 0 } }
        @{ Cmd = 'Add-WKChannelSubscriber'; P = @{ ChannelId = 'hi-g'; Uid = 'm1'; BatchSize = [int]::MaxValue } }
        @{ Cmd = 'New-WKChannel'; P = @{ ChannelId = 'hi-g'; ChannelType = -5 } }
        @{ Cmd = 'Send-WKMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'NoSuchType'; Text = 'x' } }
        @{ Cmd = 'Send-WKMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Text = 'x'; ThrottleLimit = 0 } }
        @{ Cmd = 'Send-WKMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; PayloadBase64 = 'not base64!' } }
        @{ Cmd = 'Set-WKUserToken'; P = @{ Uid = 'hi-user'; Token = 't'; DeviceFlag = 7 } }
        @{ Cmd = 'Set-WKUserToken'; P = @{ Uid = 'hi-user'; Token = 't'; DeviceFlag = 'Bogus' } }
        @{ Cmd = 'Set-WKUserToken'; P = @{ Uid = 'hi-user'; Token = 't'; DeviceLevel = 5 } }
        @{ Cmd = 'Register-WKUser'; P = @{ Uid = 'hi-user'; DeviceFlag = -7 } }
        @{ Cmd = 'Invoke-WKDeviceQuit'; P = @{ Uid = 'hi-user'; DeviceFlag = 42 } }
        @{ Cmd = 'Get-WKUserDevice'; P = @{ Uid = 'hi-user'; ThrottleLimit = -1 } }
        @{ Cmd = 'Get-WKUser'; P = @{ PageSize = -1 } }
        @{ Cmd = 'Get-WKUser'; P = @{ PageSize = [int]::MaxValue } }
        @{ Cmd = 'Get-WKChannel'; P = @{ PageSize = 0 } }
        @{ Cmd = 'Get-WKChannelMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; PageSize = -10 } }
        @{ Cmd = 'Get-WKChannelMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; First = -1 } }
        @{ Cmd = 'Get-WKMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; MessageId = -1 } }
        @{ Cmd = 'Set-WKConversationUnread'; P = @{ Uid = 'hi-user'; ChannelId = 'hi-g'; ChannelType = 'Group'; Unread = -1 } }
        @{ Cmd = 'Get-WKConversationMessage'; P = @{ Uid = 'hi-user'; ChannelId = 'hi-g'; ChannelType = 'Group'; Count = -1 } }
        @{ Cmd = 'Get-WKServerStatus'; P = @{ ConnectionLimit = -1 } }
        @{ Cmd = 'Block-WKUser'; P = @{ Uid = 'hi-user'; Duration = [timespan]::FromHours(-1) } }
        @{ Cmd = 'Block-WKUser'; P = @{ Uid = 'hi-user'; Until = [datetime]'2001-01-01' } }
        @{ Cmd = 'Export-WKChannelMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Path = '{TMP}'; Format = 'Bogus' } }
        @{ Cmd = 'Export-WKChannelMessage'; P = @{ ChannelId = 'hi-g'; ChannelType = 'Group'; Path = '{TMP}'; PageSize = -1 } }
        @{ Cmd = 'Connect-WKServer'; P = @{ Uri = 'http://127.0.0.1:1'; TimeoutSec = -1; SkipCheck = $true } }
        @{ Cmd = 'Connect-WKServer'; P = @{ Uri = 'http://127.0.0.1:1'; TimeoutSec = 0; SkipCheck = $true } }
        @{ Cmd = 'Connect-WKServer'; P = @{ Uri = 'http://127.0.0.1:1'; MaximumRetryCount = -1; SkipCheck = $true } }
        @{ Cmd = 'Connect-WKServer'; P = @{ Uri = 'ftp://127.0.0.1/'; SkipCheck = $true } }
    )
    $argCases = foreach ($b in $badArguments) {
        @{ Name = '{0} {1}' -f $b.Cmd, (($b.P.GetEnumerator() | Sort-Object Key | ForEach-Object { "-$($_.Key) $($_.Value)" }) -join ' '); Cmd = $b.Cmd; P = $b.P; V = $null; Refuse = $true; Skip = $false }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
    Connect-WKServer -Uri $script:Uri
    $env:WUKONGIM_STATE_PATH = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-pester-hostile-" + [guid]::NewGuid() + '.json')
    $script:ExportDir = Join-Path ([System.IO.Path]::GetTempPath()) ("wk-pester-hostile-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $script:ExportDir | Out-Null
    # Hostile -Path values ('a@b', 'u<emoji>', ...) that are legal file names get written relative to the location:
    # keep them in the temporary folder, never in the repository.
    Push-Location -LiteralPath $script:ExportDir

    # SkippedWithWarning: the part of RefusedCleanly that is a blank list entry skipped with the one warning (nothing sent).
    $script:Figures = [ordered]@{ Tried = 0; RefusedCleanly = 0; SkippedWithWarning = 0; SentWrongly = 0; Crashes = 0 }
    $script:SeenIds = @{}

    # A specific ErrorId: one of the module's WK* ids (not the catch-all WKUnexpectedError), or one of PowerShell's own
    # parameter binding ids (a wrong enum name, a value outside a ValidateRange, a null for a mandatory parameter).
    function script:Test-SpecificId([string] $Id) {
        ($Id -match '^WK[A-Za-z]+$' -and $Id -ne 'WKUnexpectedError') -or
        ($Id -match '^(ParameterArgument\w+|ParameterBinding\w*|CannotConvert\w*|InputObjectNotBound|MissingArgument|AmbiguousParameterSet|ParameterArgumentValidationError\w*)$')
    }

    function script:Reset-Counters { Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null }
    function script:Get-SentCount { (Invoke-RestMethod -Uri "$script:Uri/_emulator/stats").total }

    # The one warning a list command writes for the blank entries it skipped (WKUidInput.BlankWarning).
    function script:Get-BlankWarning([int] $Count) {
        'Skipped {0} blank uid{1} (empty lines or cells).' -f $Count, $(if ($Count -eq 1) { '' } else { 's' })
    }

    <#
        Runs one cmdlet with the hostile value in place of '{V}' and classifies what happened. Every error must have a
        specific id; an input that must be refused must produce one and send nothing. With -Skip (a blank entry of a list
        command) the input must instead produce no error, exactly one blank-count warning, and send nothing.
    #>
    function script:Invoke-HostileCase([string] $Cmd, [hashtable] $P, $V, [bool] $Refuse, [bool] $Skip) {
        $params = @{}
        foreach ($entry in $P.GetEnumerator()) {
            $params[$entry.Key] = if ($entry.Value -is [string] -and $entry.Value -eq '{V}') { $V }
            elseif ($entry.Value -is [string] -and $entry.Value -eq '{TMP}') { Join-Path $script:ExportDir ([guid]::NewGuid().ToString() + '.jsonl') }
            else { $entry.Value }
        }
        $command = Get-Command $Cmd
        if ($command.Parameters.ContainsKey('Force')) { $params.Force = $true }
        if ($command.Parameters.ContainsKey('Confirm')) { $params.Confirm = $false }

        Reset-Counters
        $errors = [System.Collections.Generic.List[object]]::new()
        $warned = $null
        try {
            $null = & $Cmd @params -ErrorAction SilentlyContinue -ErrorVariable +caught -WarningAction SilentlyContinue -WarningVariable warned
            foreach ($e in $caught) { $errors.Add($e) }
        }
        catch {
            $errors.Add($_)
        }
        $sent = Get-SentCount
        if ($Cmd -eq 'Connect-WKServer') { Connect-WKServer -Uri $script:Uri }

        $ids = @($errors | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { ($_.FullyQualifiedErrorId -split ',')[0] } else { $_.GetType().FullName } })
        foreach ($id in $ids) { $script:SeenIds[$id] = 1 + [int]$script:SeenIds[$id] }
        $unplanned = @($ids | Where-Object { -not (Test-SpecificId $_) })
        $result = [pscustomobject]@{
            Ids        = $ids
            Sent       = $sent
            Crash      = $unplanned.Count -gt 0
            Refused    = $ids.Count -gt 0 -and $unplanned.Count -eq 0 -and $sent -eq 0
            # Only the blank-count warnings: some commands also warn for their own reasons (Add-WKUserAllowlist's whitelistOffOfPerson note).
            Warnings   = @($warned | ForEach-Object { "$_" } | Where-Object { $_ -like 'Skipped * blank uid*' })
            Unplanned  = $unplanned
            Messages   = @($errors | ForEach-Object { "$_" })
        }
        $skipped = $Skip -and $ids.Count -eq 0 -and $sent -eq 0 -and $result.Warnings.Count -eq 1 -and $result.Warnings[0] -eq (Get-BlankWarning 1)
        $script:Figures.Tried++
        if ($result.Crash) { $script:Figures.Crashes++ }
        if ($Refuse) {
            if ($sent -gt 0) { $script:Figures.SentWrongly++ }
            if ($Skip) {
                if ($skipped) { $script:Figures.RefusedCleanly++; $script:Figures.SkippedWithWarning++ }
            }
            elseif ($result.Refused) { $script:Figures.RefusedCleanly++ }
        }
        $result
    }

    # The count is taken for inputs that are tried outside Invoke-HostileCase (CSV, payload and process cases).
    function script:Add-Figure([bool] $Refused, [bool] $SentWrongly, [bool] $Crash, [bool] $Skipped) {
        $script:Figures.Tried++
        if ($Refused) { $script:Figures.RefusedCleanly++ }
        if ($Refused -and $Skipped) { $script:Figures.SkippedWithWarning++ }
        if ($SentWrongly) { $script:Figures.SentWrongly++ }
        if ($Crash) { $script:Figures.Crashes++ }
    }

    function script:New-Csv([string] $Text) {
        $path = Join-Path $script:ExportDir ([guid]::NewGuid().ToString() + '.csv')
        Set-Content -Path $path -Value $Text -Encoding utf8
        $path
    }
}

AfterAll {
    $f = $script:Figures
    Write-Host ''
    Write-Host ('Hostile input: inputs tried {0}, refused cleanly {1} (of which blank list entries skipped with a warning {2}), sent wrongly {3}, crashes {4}' -f $f.Tried, $f.RefusedCleanly, $f.SkippedWithWarning, $f.SentWrongly, $f.Crashes)
    Write-Host ('ErrorIds seen: ' + (($script:SeenIds.GetEnumerator() | Sort-Object Key | ForEach-Object { '{0} x{1}' -f $_.Key, $_.Value }) -join ', '))
    Pop-Location
    Stop-TestEmulator
    Remove-Item $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item Env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue
    Remove-Item $script:ExportDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Hostile ids, uids, tokens, keys and paths' {
    It '<Name>' -ForEach $idCases {
        $r = Invoke-HostileCase -Cmd $Cmd -P $P -V $V -Refuse $Refuse -Skip $Skip
        $r.Unplanned | Should -BeNullOrEmpty -Because ($r.Messages -join ' | ')
        if ($Skip) {
            # A blank entry of a list command is skipped: no error, one warning with the count, nothing sent.
            $r.Ids | Should -BeNullOrEmpty -Because ($r.Messages -join ' | ')
            $r.Warnings | Should -Be @(Get-BlankWarning 1)
            $r.Sent | Should -Be 0 -Because 'a skipped blank entry sends nothing'
        }
        elseif ($Refuse) {
            $r.Ids | Should -Not -BeNullOrEmpty -Because 'the input must be refused with an ErrorId'
            $r.Sent | Should -Be 0 -Because 'a refused input sends nothing'
        }
    }
}

Describe 'Wrong enum values, negative and huge numbers' {
    It '<Name>' -ForEach $argCases {
        $r = Invoke-HostileCase -Cmd $Cmd -P $P -V $V -Refuse $Refuse -Skip $Skip
        $r.Unplanned | Should -BeNullOrEmpty -Because ($r.Messages -join ' | ')
        $r.Ids | Should -Not -BeNullOrEmpty -Because 'the input must be refused with an ErrorId'
        $r.Sent | Should -Be 0 -Because 'a refused input sends nothing'
    }
}

Describe 'CSV rows with blank cells or without the uid column' {
    BeforeAll {
        New-WKChannel -ChannelId hi-csv -ChannelType Group -Subscriber a, b, c -Force
    }

    It 'adds the valid rows and skips the blank rows with one warning, from a CSV with blank Uid cells' {
        $csv = New-Csv "Uid,Name`nk1,one`n,blank`n   ,spaces`nk2,two`n"
        Reset-Counters
        $rows = Import-Csv $csv | Add-WKChannelSubscriber -ChannelId hi-csv -ChannelType Group -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue
        $ids = @($err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        $warnings = @($warned | ForEach-Object { "$_" } | Where-Object { $_ -like 'Skipped * blank uid*' })
        Add-Figure -Refused ($ids.Count -eq 0 -and $warnings.Count -eq 1 -and $warnings[0] -eq (Get-BlankWarning 2)) -Skipped $true -SentWrongly $false -Crash (@($ids | Where-Object { -not (Test-SpecificId $_) }).Count -gt 0)
        $ids | Should -BeNullOrEmpty
        $warnings | Should -Be @(Get-BlankWarning 2)
        ($rows | Where-Object Status -EQ 'Succeeded').Uid | Should -Be @('k1', 'k2')
        (Get-WKChannelSubscriber -ChannelId hi-csv -ChannelType Group).Uid | Sort-Object | Should -Be @('a', 'b', 'c', 'k1', 'k2')
    }

    It 'refuses rows without a uid column and sends nothing (<Cmd>)' -ForEach @(
        @{ Cmd = 'Add-WKChannelSubscriber' }, @{ Cmd = 'Set-WKChannelSubscriber' }, @{ Cmd = 'Add-WKChannelBlacklist' }, @{ Cmd = 'Get-WKOnlineStatus' }
    ) {
        $csv = New-Csv "Member,Name`nw1,alice`nw2,bob`n"
        $params = @{ ChannelId = 'hi-csv'; ChannelType = 'Group' }
        if ($Cmd -eq 'Get-WKOnlineStatus') { $params = @{} }
        if ((Get-Command $Cmd).Parameters.ContainsKey('Force')) { $params.Force = $true }
        Reset-Counters
        $err = $null
        try { $null = Import-Csv $csv | & $Cmd @params -ErrorVariable err -ErrorAction SilentlyContinue } catch { $err = @($_) }
        $sent = Get-SentCount
        $ids = @($err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        Add-Figure -Refused ($ids.Count -gt 0 -and $sent -eq 0) -SentWrongly ($sent -gt 0) -Crash (@($ids | Where-Object { -not (Test-SpecificId $_) }).Count -gt 0)
        $sent | Should -Be 0
        $ids | Should -Not -BeNullOrEmpty
        $ids | ForEach-Object { Test-SpecificId $_ | Should -BeTrue -Because "$_ is a specific ErrorId" }
        (Get-WKChannelSubscriber -ChannelId hi-csv -ChannelType Group).Uid | Should -Not -Contain '@{Member=w1; Name=alice}'
    }

    It 'changes nothing when a replace gets rows whose uids are all blank (<Cmd>)' -ForEach @(
        @{ Cmd = 'Set-WKChannelSubscriber'; Get = 'Get-WKChannelSubscriber' }
        @{ Cmd = 'Set-WKChannelBlacklist'; Get = 'Get-WKChannelBlacklist' }
        @{ Cmd = 'Set-WKChannelWhitelist'; Get = 'Get-WKChannelWhitelist' }
    ) {
        $id = 'hi-blank-' + ($Cmd -replace '\W', '')
        New-WKChannel -ChannelId $id -ChannelType Group -Subscriber a, b, c -Force
        Add-WKChannelBlacklist -ChannelId $id -ChannelType Group -Uid d1, d2 | Out-Null
        Add-WKChannelWhitelist -ChannelId $id -ChannelType Group -Uid w1, w2 | Out-Null
        $before = @((& $Get -ChannelId $id -ChannelType Group).Uid | Sort-Object)
        # Import-Csv skips empty lines: the rows have a name and a blank (or missing) Uid cell.
        $csv = New-Csv "Uid,Name`n,one`n   ,two`n,three`n"
        Reset-Counters
        $err = $null
        try { $null = Import-Csv $csv | & $Cmd -ChannelId $id -ChannelType Group -Force -ErrorVariable err -ErrorAction SilentlyContinue } catch { $err = @($_) }
        $sent = Get-SentCount
        $ids = @($err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        Add-Figure -Refused ($ids.Count -gt 0 -and $sent -eq 0) -SentWrongly ($sent -gt 0) -Crash (@($ids | Where-Object { -not (Test-SpecificId $_) }).Count -gt 0)
        $sent | Should -Be 0
        $ids | Should -Contain 'WKReplaceWithoutValidUid'
        @((& $Get -ChannelId $id -ChannelType Group).Uid | Sort-Object) | Should -Be $before
    }

    It 'keeps every valid uid of a 100,000-row replace fed from a CSV with blank rows' {
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('Uid,Name')
        $valid = [System.Collections.Generic.List[string]]::new()
        for ($i = 1; $i -le 100000; $i++) {
            if ($i % 10 -eq 0) { $lines.Add(',blank') }
            else { $lines.Add("big$i,n"); $valid.Add("big$i") }
        }
        $csv = Join-Path $script:ExportDir 'big.csv'
        [System.IO.File]::WriteAllLines($csv, $lines)
        New-WKChannel -ChannelId hi-big -ChannelType Group -Subscriber old1, old2 -Force
        $rows = Import-Csv $csv | Set-WKChannelSubscriber -ChannelId hi-big -ChannelType Group -Force -BatchSize 1000 -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue
        $members = (Get-WKChannelSubscriber -ChannelId hi-big -ChannelType Group).Uid
        $ids = @($err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | Select-Object -Unique)
        $warnings = @($warned | ForEach-Object { "$_" } | Where-Object { $_ -like 'Skipped * blank uid*' })
        Add-Figure -Refused ($err.Count -eq 0 -and $warnings.Count -eq 1 -and $warnings[0] -eq (Get-BlankWarning 10000)) -Skipped $true -SentWrongly $false -Crash (@($ids | Where-Object { -not (Test-SpecificId $_) }).Count -gt 0)
        $ids | Should -BeNullOrEmpty
        # The 10,000 blank rows are skipped with one warning that gives their count.
        $warnings | Should -Be @(Get-BlankWarning 10000)
        $members.Count | Should -Be 90000
        $kept = [System.Collections.Generic.HashSet[string]]::new([string[]]@($members))
        $kept.SetEquals([string[]]$valid.ToArray()) | Should -BeTrue -Because 'every valid uid is kept and nothing else'
        @($rows | Where-Object Status -EQ 'Failed').Count | Should -Be 0
    }
}

Describe 'Payloads that are not JSON or refer to themselves' {
    It 'refuses a payload or body that is not JSON, or cannot become JSON (<Name>)' -ForEach @(
        @{ Name = 'Send-WKMessage -Payload (text that is not JSON)'; Run = { Send-WKMessage -ChannelId hi-pay -ChannelType Group -Payload 'not json {' } }
        @{ Name = 'Add-WKMessageEvent -Payload (text that is not JSON)'; Run = { Add-WKMessageEvent -ChannelId hi-pay -ChannelType Group -ClientMsgNo c1 -EventType x -Payload 'not json {' } }
        @{ Name = 'Invoke-WKRestMethod -Body (text that is not JSON)'; Run = { Invoke-WKRestMethod -Path /user/onlinestatus -Method POST -Body 'not json {' } }
        @{ Name = 'Invoke-WKRestMethod -Body (a .NET object with no JSON form)'; Run = { Invoke-WKRestMethod -Path /user/onlinestatus -Method POST -Body ([System.IO.MemoryStream]::new()) } }
        @{ Name = 'Send-WKMessage -PayloadBase64 (not base64)'; Run = { Send-WKMessage -ChannelId hi-pay -ChannelType Group -PayloadBase64 '%%%' } }
    ) {
        Reset-Counters
        $err = @(try { & $Run 2>&1 } catch { $_ }) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        $sent = Get-SentCount
        $ids = @($err | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        Add-Figure -Refused ($ids.Count -gt 0 -and $sent -eq 0) -SentWrongly ($sent -gt 0) -Crash (@($ids | Where-Object { -not (Test-SpecificId $_) }).Count -gt 0)
        $sent | Should -Be 0
        $ids | Should -Not -BeNullOrEmpty
        $ids | ForEach-Object { Test-SpecificId $_ | Should -BeTrue -Because "$_ is a specific ErrorId" }
    }

    # A stack overflow kills the whole process, so each of these runs in a pwsh of its own.
    It 'refuses a self-referencing or absurdly deep body without crashing the host (<Name>)' -ForEach @(
        @{ Name = 'Invoke-WKRestMethod hashtable cycle'; Script = '$h = @{}; $h.self = $h; Invoke-WKRestMethod /user/onlinestatus -Method POST -Body $h' }
        @{ Name = 'Send-WKMessage -Payload hashtable cycle'; Script = '$h = @{}; $h.self = $h; Send-WKMessage -ChannelId hi-pay -ChannelType Group -Payload $h' }
        @{ Name = 'Add-WKMessageEvent -Payload array cycle'; Script = '$a = [System.Collections.ArrayList]::new(); $null = $a.Add($a); Add-WKMessageEvent -ChannelId hi-pay -ChannelType Group -ClientMsgNo c1 -EventType x -Payload $a' }
        @{ Name = 'Send-WKMessage -Payload PSCustomObject cycle'; Script = '$o = [pscustomobject]@{ a = 1 }; $o | Add-Member -NotePropertyName self -NotePropertyValue $o; Send-WKMessage -ChannelId hi-pay -ChannelType Group -Payload $o' }
        @{ Name = 'Invoke-WKRestMethod 100,000 levels deep'; Script = '$d = @{}; $c = $d; for ($i = 0; $i -lt 100000; $i++) { $n = @{}; $c.x = $n; $c = $n }; Invoke-WKRestMethod /user/onlinestatus -Method POST -Body $d' }
    ) {
        $module = Join-Path $PSScriptRoot '../../out/WuKongIM/WuKongIM.psd1'
        $child = "Import-Module '$module'; Connect-WKServer -Uri '$script:Uri' -SkipCheck; try { $Script -ErrorAction Stop | Out-Null; 'NOERROR' } catch { 'ERRORID=' + (`$_.FullyQualifiedErrorId -split ',')[0] }"
        Reset-Counters
        $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $child 2>&1
        $exit = $LASTEXITCODE
        $sent = Get-SentCount
        $line = @($output | ForEach-Object { "$_" } | Where-Object { $_ -like 'ERRORID=*' -or $_ -eq 'NOERROR' }) | Select-Object -Last 1
        $id = if ($line -like 'ERRORID=*') { $line.Substring(8) } else { $null }
        $crash = $exit -ne 0 -or ($id -and -not (Test-SpecificId $id))
        Add-Figure -Refused ($id -and -not $crash -and $sent -eq 0) -SentWrongly ($sent -gt 0) -Crash $crash
        $exit | Should -Be 0 -Because ($output -join "`n")
        $id | Should -BeLike 'WK*' -Because ($output -join "`n")
        Test-SpecificId $id | Should -BeTrue
        $sent | Should -Be 0
    }
}
