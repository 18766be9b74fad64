#
# Module manifest for WuKongIM: cmdlets that administer a WuKongIM server over its v2 REST API.
# Hand-written and ASCII only (Windows PowerShell 5.1 reads BOM-less files as ANSI).
# ModuleVersion must equal <Version> in Directory.Build.props; a test checks it.
#
@{
    RootModule             = 'WuKongIM.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b0f6c1e-8d2a-4c8e-9f61-2a7d3e4b9c10'
    Author                 = 'WuKongIM PowerShell module contributors'
    CompanyName            = 'WuKongIM PowerShell module contributors'
    Copyright              = '(c) WuKongIM PowerShell module contributors. All rights reserved.'
    Description            = 'Administer a WuKongIM instant-messaging server over its v2 REST API: users and tokens, devices, channels and subscribers, black and white lists, messages, conversations, connections, server status, routes and tags.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('WuKongIM.Format.ps1xml')
    CmdletsToExport        = @(
        'Add-WKChannelBlacklist'
        'Add-WKChannelSubscriber'
        'Add-WKChannelWhitelist'
        'Add-WKMessageEvent'
        'Add-WKSystemUser'
        'Add-WKUserAllowlist'
        'Add-WKUserBlocklist'
        'Block-WKChannel'
        'Block-WKUser'
        'Clear-WKConversationUnread'
        'Connect-WKServer'
        'Disconnect-WKConnection'
        'Disconnect-WKServer'
        'Export-WKChannelMessage'
        'Get-WKBlockedUser'
        'Get-WKChannel'
        'Get-WKChannelBlacklist'
        'Get-WKChannelMessage'
        'Get-WKChannelSubscriber'
        'Get-WKChannelWhitelist'
        'Get-WKConnection'
        'Get-WKConversation'
        'Get-WKConversationChannel'
        'Get-WKConversationMessage'
        'Get-WKMessage'
        'Get-WKMessageEvent'
        'Get-WKMigrationStatus'
        'Get-WKOnlineStatus'
        'Get-WKRoute'
        'Get-WKServerSetting'
        'Get-WKServerStatus'
        'Get-WKSession'
        'Get-WKSystemUser'
        'Get-WKTag'
        'Get-WKUser'
        'Get-WKUserAllowlist'
        'Get-WKUserBlocklist'
        'Get-WKUserDevice'
        'Invoke-WKDeviceQuit'
        'Invoke-WKRestMethod'
        'Lock-WKChannel'
        'New-WKChannel'
        'Register-WKUser'
        'Remove-WKChannel'
        'Remove-WKChannelBlacklist'
        'Remove-WKChannelSubscriber'
        'Remove-WKChannelWhitelist'
        'Remove-WKConversation'
        'Remove-WKSystemUser'
        'Remove-WKTag'
        'Remove-WKUserAllowlist'
        'Remove-WKUserBlocklist'
        'Reset-WKUserToken'
        'Revoke-WKUserToken'
        'Send-WKMessage'
        'Set-WKChannel'
        'Set-WKChannelBlacklist'
        'Set-WKChannelSubscriber'
        'Set-WKChannelWhitelist'
        'Set-WKConversationUnread'
        'Set-WKUserAllowlist'
        'Set-WKUserBlocklist'
        'Set-WKUserPlugin'
        'Set-WKUserToken'
        'Sync-WKUserBlock'
        'Test-WKServer'
        'Unblock-WKChannel'
        'Unblock-WKUser'
        'Unlock-WKChannel'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('WuKongIM', 'IM', 'Chat', 'Messaging', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/WuKongIM/WuKongIM'
        }
    }
}
