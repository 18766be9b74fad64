# Sends one message to each of Count channels, with the server's injected latency already set by the bench: the module
# (piped channels, -ThrottleLimit) against ForEach-Object -Parallel with Invoke-RestMethod at the same limit, in
# alternating order. Prints one JSON line of milliseconds per round.
param([string]$Module, [string]$Uri, [int]$Count = 400, [int]$Rounds = 5, [int]$ThrottleLimit = 16)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Connect-WKServer -Uri $Uri
$base = $Uri.TrimEnd('/')

function Channels([string]$Prefix, [int]$N) { foreach ($i in 0..($N - 1)) { [pscustomobject]@{ ChannelId = "$Prefix$i"; ChannelType = 'Group' } } }
function Send-ByModule($List) {
    $sent = @($List | Send-WKMessage -Text 'bench' -FromUid bench -ThrottleLimit $ThrottleLimit)
    if ($sent.Count -ne $List.Count) { throw "module sent $($sent.Count) of $($List.Count)" }
}
function Send-ByParallel($List) {
    $sent = @($List | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        $body = @{ header = @{}; channel_id = $_.ChannelId; channel_type = 2; from_uid = 'bench'; payload = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('bench')) } | ConvertTo-Json -Compress
        Invoke-RestMethod -Method Post -Uri "$using:base/message/send" -Body $body -ContentType 'application/json'
    })
    if ($sent.Count -ne $List.Count) { throw "ForEach-Object -Parallel sent $($sent.Count) of $($List.Count)" }
}

Send-ByModule (Channels 'warm-m-' 50)
Send-ByParallel (Channels 'warm-p-' 50)
$times = [ordered]@{ send_module = [Collections.Generic.List[double]]::new(); send_foreach_parallel = [Collections.Generic.List[double]]::new() }
for ($round = 0; $round -lt $Rounds; $round++) {
    $order = if ($round % 2 -eq 0) { 'send_module', 'send_foreach_parallel' } else { 'send_foreach_parallel', 'send_module' }
    foreach ($name in $order) {
        $list = @(Channels "s$round-$name-" $Count)
        [GC]::Collect()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        if ($name -eq 'send_module') { Send-ByModule $list } else { Send-ByParallel $list }
        $watch.Stop()
        $times[$name].Add($watch.Elapsed.TotalMilliseconds)
    }
}
$times | ConvertTo-Json -Compress
