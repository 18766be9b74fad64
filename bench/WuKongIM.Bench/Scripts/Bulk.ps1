# The bench's bulk alternatives, in one host, in alternating order per round: the module with piped uids, the module
# with -Uid $array, and the batched Invoke-RestMethod loop an administrator would write. Prints one JSON line of
# milliseconds per round.
param([string]$Module, [string]$Uri, [int]$Count = 100000, [int]$Rounds = 5, [int]$BatchSize = 1000)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Connect-WKServer -Uri $Uri
$base = $Uri.TrimEnd('/')
[string[]]$uids = foreach ($i in 0..($Count - 1)) { "u$i" }

function Measure-Ms([scriptblock]$Timed) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Timed
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds
}

# What a user writes without the module: one request per BatchSize uids.
function Add-ByIrm([string]$Channel, [string[]]$List) {
    for ($i = 0; $i -lt $List.Count; $i += $BatchSize) {
        $batch = $List[$i..([Math]::Min($i + $BatchSize, $List.Count) - 1)]
        $body = @{ channel_id = $Channel; channel_type = 2; subscribers = $batch } | ConvertTo-Json -Compress
        $null = Invoke-RestMethod -Method Post -Uri "$base/channel/subscriber_add" -Body $body -ContentType 'application/json'
    }
}
function Status-ByIrm([string[]]$List) {
    $rows = 0
    for ($i = 0; $i -lt $List.Count; $i += $BatchSize) {
        $batch = $List[$i..([Math]::Min($i + $BatchSize, $List.Count) - 1)]
        $body = ConvertTo-Json -InputObject $batch -Compress
        $rows += @(Invoke-RestMethod -Method Post -Uri "$base/user/onlinestatus" -Body $body -ContentType 'application/json').Count
    }
}

$methods = [ordered]@{
    add_piped       = { param($c) $null = $uids | Add-WKChannelSubscriber -ChannelId $c -BatchSize $BatchSize }
    # The same piped uids with -ChannelType given: PowerShell then stops trying to bind ChannelType from each string.
    add_piped_typed = { param($c) $null = $uids | Add-WKChannelSubscriber -ChannelId $c -ChannelType Group -BatchSize $BatchSize }
    add_array       = { param($c) $null = Add-WKChannelSubscriber -ChannelId $c -Uid $uids -BatchSize $BatchSize }
    add_irm         = { param($c) Add-ByIrm $c $uids }
    status_piped    = { param($c) $null = $uids | Get-WKOnlineStatus -BatchSize $BatchSize }
    status_array    = { param($c) $null = Get-WKOnlineStatus -Uid $uids -BatchSize $BatchSize }
    status_irm      = { param($c) Status-ByIrm $uids }
}
# Warm-up, not measured: one full run of every method, so the host's tiered JIT has promoted each path before the
# rounds (a 1000-uid warm-up left the first measured round of each method 1.5-3.5 times slower than the others).
foreach ($name in $methods.Keys) {
    [GC]::Collect()
    & $methods[$name] ("bench-warm-$name-" + [guid]::NewGuid().ToString('N').Substring(0, 6))
}

$times = [ordered]@{}
foreach ($name in $methods.Keys) { $times[$name] = [Collections.Generic.List[double]]::new() }
$names = @($methods.Keys)
for ($round = 0; $round -lt $Rounds; $round++) {
    # Alternate the order, so no method always runs first (or right after the same neighbour).
    $order = if ($round % 2 -eq 0) { $names } else { $names[($names.Count - 1)..0] }
    foreach ($name in $order) {
        [GC]::Collect()
        $channel = "bench-$name-$round-" + [guid]::NewGuid().ToString('N').Substring(0, 6)
        $method = $methods[$name]
        $times[$name].Add((Measure-Ms { & $method $channel }))
    }
}
$times | ConvertTo-Json -Compress
