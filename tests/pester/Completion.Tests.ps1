#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Tab completion as a user gets it (TabExpansion2), against the emulator: device flags a command accepts, stream
    event types, REST routes, and uids and channel ids read live from the connected server with a cache.
#>

BeforeDiscovery {
    # Commands that store or read one device's token refuse -DeviceFlag All, so completion must not offer it.
    $oneDevice = @('Register-WKUser', 'Set-WKUserToken', 'Get-WKUserDevice', 'Reset-WKUserToken') | ForEach-Object { @{ Cmdlet = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Start-TestEmulator
    Connect-WKServer -Uri $script:Uri

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe '-DeviceFlag completion' {
    It '<Cmdlet> -DeviceFlag offers App, Web, PC and System, not All' -ForEach $oneDevice {
        $offered = Get-Completion "$Cmdlet -Uid u1 -DeviceFlag "
        $offered | Sort-Object | Should -Be @('App', 'PC', 'System', 'Web')
    }

    It '<Cmdlet> -DeviceFlag A offers App only' -ForEach $oneDevice {
        Get-Completion "$Cmdlet -Uid u1 -DeviceFlag A" | Should -Be @('App')
    }

    It '<Cmdlet> refuses -DeviceFlag All when it binds, before any request' -ForEach $oneDevice {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        { & $Cmdlet -Uid u1 -DeviceFlag All -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        (Invoke-RestMethod -Uri "$script:Uri/_emulator/stats").total | Should -Be 0
    }

    It 'Invoke-WKDeviceQuit -DeviceFlag still offers All, which means every device there' {
        Get-Completion 'Invoke-WKDeviceQuit -Uid u1 -DeviceFlag ' | Should -Contain 'All'
    }
}

Describe '-EventType completion' {
    It 'offers the stream event types' {
        $offered = Get-Completion 'Add-WKMessageEvent -EventType '
        foreach ($type in 'stream.delta', 'stream.snapshot', 'stream.close', 'stream.error', 'stream.cancel', 'stream.finish') {
            $offered | Should -Contain $type
        }
    }

    It 'narrows to what was typed' {
        Get-Completion 'Add-WKMessageEvent -EventType stream.c' | Should -Be @('stream.cancel', 'stream.close')
    }
}

Describe 'Invoke-WKRestMethod -Path completion' {
    It 'offers the known routes under what was typed' {
        $offered = Get-Completion 'Invoke-WKRestMethod -Path /user/'
        $offered | Should -Contain '/user/token'
        $offered | Should -Contain '/user/onlinestatus'
        $offered | ForEach-Object { $_ | Should -BeLike '/user/*' }
    }

    It 'offers only the routes of the -Method typed' {
        $offered = Get-Completion 'Invoke-WKRestMethod -Method GET -Path /channel/'
        $offered | Should -Contain '/channel/max_message_seq'
        $offered | Should -Not -Contain '/channel/subscriber_add'
    }
}

Describe 'Live -Uid and -ChannelId completion' {
    BeforeAll {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/reset" | Out-Null
        'alice', 'albert', 'bob' | Register-WKUser | Out-Null
        New-WKChannel -ChannelId g1 -ChannelType Group
        New-WKChannel -ChannelId g2 -ChannelType Group
        New-WKChannel -ChannelId info1 -ChannelType Info
    }

    BeforeEach {
        # Names are cached per session: a new session starts with none, so each test sees what the server holds now.
        Connect-WKServer -Uri $script:Uri
    }

    It 'completes -Uid with the uids registered on the server' {
        Get-Completion 'Get-WKUserDevice -Uid al' | Should -Be @('albert', 'alice')
    }

    It 'completes -Uid on a list cmdlet (Add-WKSystemUser)' {
        Get-Completion 'Add-WKSystemUser -Uid b' | Should -Be @('bob')
    }

    It 'completes -ChannelId of the -ChannelType typed' {
        Get-Completion 'Get-WKChannelSubscriber -ChannelType Group -ChannelId ' | Should -Be @('g1', 'g2')
        Get-Completion 'Get-WKChannel -ChannelType Info -ChannelId ' | Should -Be @('info1')
    }

    It 'completes -ChannelId of any type when none is typed' {
        Get-Completion 'Send-WKMessage -ChannelId ' | Should -Be @('g1', 'g2', 'info1')
    }

    It 'asks the server once, then answers from the cache' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/stats/reset" | Out-Null
        Get-Completion 'Get-WKUserDevice -Uid a' | Should -Be @('albert', 'alice')
        Get-Completion 'Get-WKUserDevice -Uid b' | Should -Be @('bob')
        Get-Completion 'Revoke-WKUserToken -Uid ' | Should -Be @('albert', 'alice', 'bob')
        Get-EmulatorCount 'GET /cluster/users' | Should -Be 1
    }

    It 'offers nothing rather than wait for a server that does not answer' {
        Invoke-RestMethod -Method Post -Uri "$script:Uri/_emulator/faults" -ContentType 'application/json' -Body '{"latency_ms":10000,"path_prefix":"/cluster/users"}' | Out-Null
        try {
            Get-Completion 'Get-WKUserDevice -Uid al' | Should -Not -Contain 'alice'
        }
        finally {
            Invoke-RestMethod -Method Delete -Uri "$script:Uri/_emulator/faults" | Out-Null
        }
    }

    It 'offers nothing when not connected' {
        Get-Completion 'Get-WKUserDevice -Uid al' | Should -Be @('albert', 'alice')
        Disconnect-WKServer
        try {
            Get-Completion 'Get-WKUserDevice -Uid al' | Should -Not -Contain 'alice'
        }
        finally {
            Connect-WKServer -Uri $script:Uri
        }
    }
}
