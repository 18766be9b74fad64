# Exports one filled channel to JSON Lines: Export-WKChannelMessage against the paging loop a user would write with
# Invoke-RestMethod (pages of 1000, one compressed JSON object per line), in alternating order. Prints one JSON line of
# milliseconds per round.
param([string]$Module, [string]$Uri, [string]$ChannelId, [int]$Count, [string]$Directory, [int]$Rounds = 5)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Connect-WKServer -Uri $Uri
$base = $Uri.TrimEnd('/')

function Export-ByLoop([string]$Path) {
    $writer = [IO.StreamWriter]::new($Path)
    try {
        $start = 1
        do {
            $body = @{ login_uid = 'bench'; channel_id = $ChannelId; channel_type = 2; start_message_seq = $start; end_message_seq = 0; limit = 1000; pull_mode = 1 } | ConvertTo-Json -Compress
            $page = Invoke-RestMethod -Method Post -Uri "$base/channel/messagesync" -Body $body -ContentType 'application/json'
            foreach ($m in $page.messages) { $writer.WriteLine((ConvertTo-Json -InputObject $m -Compress -Depth 5)) }
            if ($page.messages.Count -gt 0) { $start = $page.messages[-1].message_seq + 1 }
        } while ($page.messages.Count -eq 1000)
    }
    finally { $writer.Dispose() }
}
function Export-ByModule([string]$Path) {
    $r = Export-WKChannelMessage -ChannelId $ChannelId -ChannelType Group -Path $Path -Force
    if ($r.Count -ne $Count) { throw "the module exported $($r.Count) of $Count" }
}

$times = [ordered]@{ export_module = [Collections.Generic.List[double]]::new(); export_loop = [Collections.Generic.List[double]]::new() }
for ($round = -1; $round -lt $Rounds; $round++) {
    $order = if ($round % 2 -eq 0) { 'export_module', 'export_loop' } else { 'export_loop', 'export_module' }
    foreach ($name in $order) {
        $path = Join-Path $Directory "$name.jsonl"
        [GC]::Collect()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        if ($name -eq 'export_module') { Export-ByModule $path } else { Export-ByLoop $path }
        $watch.Stop()
        if ($round -ge 0) { $times[$name].Add($watch.Elapsed.TotalMilliseconds) }   # round -1 is the warm-up
        $lines = [IO.File]::ReadLines($path) | Measure-Object | Select-Object -ExpandProperty Count
        if ($lines -ne $Count) { throw "$name wrote $lines lines of $Count" }
        Remove-Item $path
    }
}
$times | ConvertTo-Json -Compress
