<#
    Helpers for the Coverage.*.Tests.ps1 files: dot-source after TestEmulator.ps1 (it needs $script:Uri). Also
    dot-sourced inside the prompt-recording runspace, so it may only use what both runspaces have.
#>

# Routes that read: a POST among them changes nothing, so -WhatIf may send them (the server's API reads by POST too).
$script:ReadOnlyPostRoutes = @(
    '/channel/messagesync', '/conversation/channels', '/conversation/sync', '/conversation/syncByChannels',
    '/conversation/syncMessages', '/message', '/messages', '/message/eventsync', '/message/sync', '/route/batch',
    '/user/onlinestatus', '/cluster/channel/status'
)

# The manager user the coverage files start the emulator with: the topology rows of CoverageCases.ps1 log in as it.
$script:CoverageEmulatorArgs = @('--manager-user', 'admin:coverage-pw:*:rw')

function Reset-Emulator {
    # Fresh server state, fresh counters and no remembered blocks: every case starts from nothing.
    Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/reset" | Out-Null
    Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
    if ($env:WUKONGIM_STATE_PATH) { Remove-Item -LiteralPath $env:WUKONGIM_STATE_PATH -ErrorAction SilentlyContinue }
    # A case may have disconnected the default session (Disconnect-WKServer): connect again, with no request.
    Connect-WKServer -Uri $script:Uri -SkipCheck
}

function Reset-EmulatorStats {
    Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
}

function Connect-EmulatorDevice([string] $Uid, [int] $DeviceFlag = 0) {
    Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/connections" -ContentType 'application/json' `
        -Body (@{ uid = $Uid; device_flag = $DeviceFlag } | ConvertTo-Json)
}

# The requests that change server state since the last counter reset, as 'METHOD /path' = count.
function Get-EmulatorWrite {
    $stats = Invoke-RestMethod -Uri "$script:Uri/_emulator/stats"
    $writes = [ordered]@{}
    foreach ($property in $stats.requests.PSObject.Properties) {
        $method, $path = $property.Name -split ' ', 2
        if ($method -ne 'GET' -and $path -notin $script:ReadOnlyPostRoutes) {
            $writes[$property.Name] = $property.Value
        }
    }
    $writes
}

# The error id of an error as each runner reports it: an ErrorRecord, 'Id: message' text, or a child's { Id; Message }.
function Get-CaseErrorId($ErrorItem) {
    if ($ErrorItem -is [System.Management.Automation.ErrorRecord]) { return $ErrorItem.FullyQualifiedErrorId }
    if ($ErrorItem -is [string]) { return ($ErrorItem -split ': ', 2)[0] }
    $ErrorItem.Id
}

<#
    The errors a case may end in (for use inside an It): none, or, for a row with RefusedWith (an action one node cannot
    carry out), exactly one error with that id.
#>
function Assert-CaseError([hashtable] $Case, [object[]] $Errors) {
    if ($Case.RefusedWith) {
        $ids = @($Errors | Where-Object { $null -ne $_ } | ForEach-Object { Get-CaseErrorId $_ })
        $ids | Should -HaveCount 1 -Because "$($Case.Cmdlet) must end in the server's refusal, once"
        $ids[0] | Should -BeLike "$($Case.RefusedWith),*"
    }
    else {
        $Errors | Should -BeNullOrEmpty
    }
}

# The headers a user sees in the default view of a type: each column's label, or the property it shows.
function Get-ViewHeader([string] $TypeName) {
    $data = Get-FormatData -TypeName $TypeName
    if (-not $data) { return }
    $control = $data.FormatViewDefinition[0].Control
    if ($control -is [System.Management.Automation.TableControl]) {
        for ($i = 0; $i -lt $control.Headers.Count; $i++) {
            $label = $control.Headers[$i].Label
            if ($label) { $label } else { $control.Rows[0].Columns[$i].DisplayEntry.Value }
        }
    }
    elseif ($control -is [System.Management.Automation.ListControl]) {
        foreach ($item in $control.Entries[0].Items) {
            if ($item.Label) { $item.Label } else { $item.DisplayEntry.Value }
        }
    }
}

<#
    Which parameter set PowerShell binds for a case: the sets that hold every named parameter and get each of their
    mandatory ones (from the command line or the pipeline); the default set wins a tie, as in the binder. Returns the
    set names, so a case that matches none or several is visible.
#>
function Resolve-CaseParameterSet([string] $Cmdlet, [string[]] $Named) {
    $command = Get-Command $Cmdlet
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $candidates = foreach ($set in $command.ParameterSets) {
        $names = $set.Parameters.Name
        $aliases = $set.Parameters.Aliases
        $unknown = $Named | Where-Object { $_ -notin $names -and $_ -notin $aliases -and $_ -notin $common }
        $missing = $set.Parameters | Where-Object { $_.IsMandatory -and $_.Name -notin $Named }
        if (-not $unknown -and -not $missing) { $set.Name }
    }
    if (@($candidates).Count -gt 1 -and $command.DefaultParameterSet -in $candidates) {
        return $command.DefaultParameterSet
    }
    $candidates
}

# The sets of a command as the coverage tables name them (a command with one set calls it __AllParameterSets).
function Get-CommandSetName([string] $Cmdlet) {
    (Get-Command $Cmdlet).ParameterSets.Name
}

<#
    Runs a case: reset, its Setup (which returns a context), then the cmdlet with the case's parameters (scriptblock
    values are computed from the context) and its pipeline input. Extra parameters (-WhatIf, -Confirm, -Force) are
    added by the caller. Returns the context, the output and the errors.
#>
function Invoke-CoverageCase([hashtable] $Case, [hashtable] $Extra = @{}, [scriptblock] $Before = $null) {
    Reset-Emulator
    $ctx = if ($Case.Setup) { & $Case.Setup } else { $null }
    $parameters = @{}
    foreach ($key in $Case.Params.Keys) {
        $value = $Case.Params[$key]
        $parameters[$key] = if ($value -is [scriptblock]) { & $value $ctx } else { $value }
    }
    foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }
    $pipeInput = if ($Case.Pipe) { @(& $Case.Pipe $ctx) } else { $null }
    Reset-EmulatorStats
    if ($Before) { & $Before }
    $errors = $null
    $output = if ($Case.Pipe) {
        $pipeInput | & $Case.Cmdlet @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    }
    else {
        & $Case.Cmdlet @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    }
    [pscustomobject]@{ Context = $ctx; Output = @($output); Errors = @($errors) }
}

# Case fields that are scriptblocks, as text: the prompt-recording runspace rebuilds them, since a scriptblock belongs
# to the runspace that made it.
function ConvertTo-PortableCase([hashtable] $Case) {
    $portable = @{ Cmdlet = $Case.Cmdlet; Params = @{} }
    foreach ($field in 'Setup', 'Pipe', 'Effect') {
        if ($Case[$field]) { $portable[$field] = $Case[$field].ToString() }
    }
    foreach ($key in $Case.Params.Keys) {
        $value = $Case.Params[$key]
        $portable.Params[$key] = if ($value -is [scriptblock]) { @{ Script = $value.ToString() } } else { $value }
    }
    $portable
}

function ConvertFrom-PortableCase([hashtable] $Portable) {
    $case = @{ Cmdlet = $Portable.Cmdlet; Params = @{} }
    foreach ($field in 'Setup', 'Pipe', 'Effect') {
        if ($Portable[$field]) { $case[$field] = [scriptblock]::Create($Portable[$field]) }
    }
    foreach ($key in $Portable.Params.Keys) {
        $value = $Portable.Params[$key]
        $case.Params[$key] = if ($value -is [hashtable] -and $value.ContainsKey('Script')) { [scriptblock]::Create($value.Script) } else { $value }
    }
    $case
}

<#
    A runspace whose host records prompts (Support/PromptRecordingHost.cs), with the module imported and connected to
    the file's emulator. Cases run there prove whether a command asked, in any host that runs Pester.
#>
function New-PromptRecordingRunspace {
    if (-not ('WKCoverage.PromptRecordingHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'PromptRecordingHost.cs')
    }
    $recordingHost = [WKCoverage.PromptRecordingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($recordingHost)
    $runspace.Open()
    $module = Join-Path (Get-Module WuKongIM).ModuleBase 'WuKongIM.psd1'
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    $null = $ps.AddScript({
            param($Module, $Support, $Uri)
            Import-Module $Module
            . $Support
            $script:Uri = $Uri
            Connect-WKServer -Uri $Uri
        }.ToString()).AddArgument($module).AddArgument((Join-Path $PSScriptRoot 'CoverageSupport.ps1')).AddArgument($script:Uri)
    $null = $ps.Invoke()
    if ($ps.HadErrors) { throw "The prompt-recording runspace did not start: $($ps.Streams.Error[0])" }
    $ps.Dispose()
    [pscustomobject]@{ Runspace = $runspace; Host = $recordingHost }
}

<#
    Runs a case in the prompt-recording runspace. -AnswerYes answers each prompt with Yes; otherwise a prompt fails the
    command the way -NonInteractive does. Returns the prompts shown, the errors, the write requests and whether the
    case's Effect (when it has one) holds.
#>
function Invoke-CaseWithPromptRecording($Recording, [hashtable] $Case, [hashtable] $Extra = @{}, [switch] $AnswerYes, [string] $ConfirmPreference) {
    $Recording.Host.Recorder.Clear()
    $Recording.Host.Recorder.AnswerYes = [bool] $AnswerYes
    $ps = [powershell]::Create()
    $ps.Runspace = $Recording.Runspace
    try {
        $null = $ps.AddScript({
                param($Portable, $Extra, $Preference)
                $case = ConvertFrom-PortableCase $Portable
                $saved = $global:ConfirmPreference
                try {
                    if ($Preference) { $global:ConfirmPreference = $Preference }
                    $run = Invoke-CoverageCase -Case $case -Extra $Extra
                }
                finally {
                    $global:ConfirmPreference = $saved
                }
                $writes = Get-EmulatorWrite
                $effect = if ($case.Effect) { [bool] (& $case.Effect $run.Context $run.Output) } else { $writes.Count -gt 0 }
                [pscustomobject]@{
                    Errors   = @($run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
                    Writes   = $writes
                    Effect   = $effect
                    Output   = $run.Output.Count
                }
            }.ToString()).AddArgument((ConvertTo-PortableCase $Case)).AddArgument($Extra).AddArgument($ConfirmPreference)
        $result = $ps.Invoke()
        $thrown = @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        $outcome = if ($result.Count) { $result[0] } else { [pscustomobject]@{ Errors = @(); Writes = @{}; Effect = $false; Output = 0 } }
        [pscustomobject]@{
            Prompts = @($Recording.Host.Recorder.Prompts)
            Errors  = @($outcome.Errors) + $thrown
            Writes  = $outcome.Writes
            Effect  = $outcome.Effect
            Output  = $outcome.Output
        }
    }
    finally {
        $ps.Dispose()
    }
}
