using System;
using System.Collections.Generic;
using System.Management.Automation;
using WuKongIM.Client;

namespace WuKongIM.PowerShell
{
    /// <summary>Replaces a user's allowlist (the person channel's whitelist; enforced only when the server runs with whitelistOffOfPerson: false) with exactly the uids given (an empty list clears it).</summary>
    [Cmdlet(VerbsCommon.Set, "WKUserAllowlist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WKUserResult))]
    public sealed class SetWKUserAllowlistCommand : WKUsersCmdlet
    {
        private const string AllowlistWarning = "A user's allowlist is enforced only when the WuKongIM server runs with whitelistOffOfPerson: false; the default (true) ignores it, and the API cannot read the setting.";
        private readonly Dictionary<string, List<string>> _lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly List<string> _owners = new List<string>();

        /// <summary>The user whose allowlist is replaced.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "OwnerUid")]
        [AllowEmptyString]
        public string Uid { get; set; } = string.Empty;

        /// <summary>The complete new list; @() clears it. Piped uids are collected per owner and sent once at the end.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ListedUid")]
        [AllowEmptyCollection]
        [AllowEmptyString]
        public string[] AllowedUid { get; set; } = new string[0];

        protected override void BeginProcessing()
        {
            WriteWarning(AllowlistWarning);
        }

        protected override void ProcessRecord()
        {
            try
            {
                WKInputRules.Uid(Uid, "Uid");
                if (!_lists.TryGetValue(Uid, out List<string>? list))
                {
                    _lists[Uid] = list = new List<string>();
                    _owners.Add(Uid);
                }
                foreach (string listed in AllowedUid)
                {
                    try
                    {
                        list.Add(WKInputRules.Uid(listed, "AllowedUid"));
                    }
                    catch (WKValidationException ex)
                    {
                        WriteWKError(ex, listed);
                    }
                }
            }
            catch (WKValidationException ex)
            {
                WriteWKError(ex, Uid);
            }
        }

        protected override void EndProcessing()
        {
            foreach (string owner in _owners)
            {
                List<string> list = _lists[owner];
                try
                {
                    if (!ShouldProcess(owner, "Replace the allowlist with " + list.Count + " uid(s)"))
                    {
                        continue;
                    }
                    WriteResults(Run(ct => new WKUserListOperations(Client).SetAsync(owner, WKUserListKind.Allowlist, list, ct)));
                }
                catch (Exception ex) when (IsItemError(ex))
                {
                    WriteWKError(ex, owner);
                }
            }
        }
    }
}
