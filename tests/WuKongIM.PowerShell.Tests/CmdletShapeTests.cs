using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>
    /// Rules every cmdlet of the built module must follow, checked over all cmdlet classes found by reflection, so a new
    /// cmdlet is covered the moment it is compiled.
    /// </summary>
    public sealed class CmdletShapeTests
    {
        /// <summary>
        /// Verbs that do not change state, so their cmdlets need no ShouldProcess. Every other verb does: Set, Add, Remove,
        /// Send, Invoke, Disconnect, Clear, Reset, ... Connect only changes the local session, never the server.
        /// </summary>
        internal static readonly HashSet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.Ordinal)
        {
            "Get", "Test", "Connect", "Find", "Search", "Measure", "Watch", "Resolve", "Show", "Format",
            "ConvertTo", "ConvertFrom", "Compare", "Select", "Wait",
        };

        /// <summary>
        /// Destructive cmdlets: they must declare ConfirmImpact = High (and only they may), so a plain call asks first.
        /// Add each one here with the cmdlet that introduces it, e.g. a device quit, a channel delete, a list reset.
        /// </summary>
        internal static readonly HashSet<string> HighImpactCmdlets = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Block-WKUser",
            "Invoke-WKDeviceQuit",
            "Invoke-WKSlotElection",
            "Move-WKChannelReplica",
            "Move-WKSlotReplica",
            "Remove-WKChannel",
            "Remove-WKChannelSubscriber",
            "Revoke-WKUserToken",
            "Set-WKChannelBlacklist",
            "Set-WKChannelSubscriber",
            "Set-WKChannelWhitelist",
            "Start-WKClusterChannel",
            "Stop-WKClusterChannel",
        };

        /// <summary>The common parameters and their aliases (PowerShell 7.4 adds ProgressAction); a cmdlet may not reuse one.</summary>
        internal static readonly string[] CommonParameterNames =
        {
            "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
            "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv", "OutVariable", "ov",
            "OutBuffer", "ob", "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf", "ProgressAction", "proga",
        };

        private const int ConfirmImpactHigh = 3;

        private static IReadOnlyList<CmdletShape> Cmdlets => BuiltModule.Cmdlets;

        /// <summary>Approved verbs, read from the constants of the Verbs* classes (the Windows PowerShell 5.1 list, which this module targets).</summary>
        internal static HashSet<string> ApprovedVerbs()
        {
            var verbs = new HashSet<string>(StringComparer.Ordinal);
            foreach (Type type in new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) })
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                {
                    verbs.Add((string)field.GetRawConstantValue()!);
                }
            }
            return verbs;
        }

        [Fact]
        public void The_module_has_cmdlets()
        {
            Assert.NotEmpty(Cmdlets);
            Assert.Contains(Cmdlets, c => c.Name == "Connect-WKServer");
        }

        [Fact]
        public void The_approved_verb_list_is_read_correctly()
        {
            HashSet<string> verbs = ApprovedVerbs();
            Assert.True(verbs.Count > 90, "only " + verbs.Count + " approved verbs were read");
            Assert.Superset(new HashSet<string> { "Get", "Set", "Add", "Remove", "Send", "Invoke", "Connect", "Disconnect", "Test", "Block", "Unblock" }, verbs);
        }

        [Fact]
        public void Verbs_are_approved_and_nouns_have_the_WK_prefix()
        {
            HashSet<string> approved = ApprovedVerbs();
            Violations.None(Cmdlets.SelectMany(c =>
            {
                var problems = new List<string>();
                if (!approved.Contains(c.Verb))
                {
                    problems.Add(c.Name + ": '" + c.Verb + "' is not an approved verb");
                }
                if (!Regex.IsMatch(c.Noun, "^WK[A-Z][A-Za-z]*$", RegexOptions.CultureInvariant))
                {
                    problems.Add(c.Name + ": the noun must be 'WK' + a PascalCase word");
                }
                return problems;
            }), "Cmdlet names");
        }

        [Fact]
        public void Classes_are_public_sealed_and_named_VerbNounCommand()
        {
            Violations.None(Cmdlets.SelectMany(c =>
            {
                var problems = new List<string>();
                if (c.Type.Name != c.Verb + c.Noun + "Command")
                {
                    problems.Add(c.Name + ": class " + c.Type.Name + " should be " + c.Verb + c.Noun + "Command");
                }
                if (!c.Type.IsSealed)
                {
                    problems.Add(c.Name + ": class " + c.Type.Name + " is not sealed");
                }
                if (!c.Type.IsPublic)
                {
                    problems.Add(c.Name + ": class " + c.Type.Name + " is not public");
                }
                if (!c.DerivesFrom("WuKongIM.PowerShell.WKCmdlet"))
                {
                    problems.Add(c.Name + ": does not derive from WKCmdlet (cancellation, verbose request log, error mapping)");
                }
                return problems;
            }), "Cmdlet classes");
        }

        [Fact]
        public void Names_are_unique()
        {
            Violations.None(Cmdlets.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => g.Key + " is declared by " + string.Join(", ", g.Select(c => c.Type.Name))), "Cmdlet names");
        }

        [Fact]
        public void Each_cmdlet_class_is_alone_in_a_file_named_after_it()
        {
            var files = RepoPaths.CmdletSourceFiles().ToList();
            var classNames = new HashSet<string>(Cmdlets.Select(c => c.Type.Name), StringComparer.Ordinal);
            var declared = files.ToDictionary(f => f, f => Regex.Matches(File.ReadAllText(f), @"\bclass\s+([A-Za-z_][A-Za-z0-9_]*)").Select(m => m.Groups[1].Value).Where(classNames.Contains).ToList());
            Violations.None(Cmdlets.SelectMany(c =>
            {
                var problems = new List<string>();
                List<string> named = files.Where(f => Path.GetFileName(f) == c.Type.Name + ".cs").ToList();
                if (named.Count != 1)
                {
                    problems.Add(c.Name + ": expected one file " + c.Type.Name + ".cs, found " + named.Count);
                }
                foreach (string file in declared.Where(kv => kv.Value.Contains(c.Type.Name)).Select(kv => kv.Key))
                {
                    if (Path.GetFileName(file) != c.Type.Name + ".cs")
                    {
                        problems.Add(c.Name + ": class " + c.Type.Name + " is declared in " + Path.GetFileName(file));
                    }
                    if (declared[file].Count > 1)
                    {
                        problems.Add(Path.GetFileName(file) + " declares several cmdlets: " + string.Join(", ", declared[file]));
                    }
                }
                return problems;
            }).Distinct(), "One cmdlet per file");
        }

        [Fact]
        public void Cmdlets_whose_verb_changes_state_support_ShouldProcess()
        {
            Violations.None(Cmdlets.Where(c => !ReadOnlyVerbs.Contains(c.Verb) && !c.SupportsShouldProcess)
                .Select(c => c.Name + ": verb " + c.Verb + " changes state, but SupportsShouldProcess is not set"), "ShouldProcess");
        }

        [Fact]
        public void Exactly_the_listed_destructive_cmdlets_have_ConfirmImpact_High()
        {
            var problems = new List<string>();
            foreach (string name in HighImpactCmdlets)
            {
                CmdletShape? cmdlet = Cmdlets.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                if (cmdlet == null)
                {
                    problems.Add(name + " is listed as destructive but no such cmdlet exists");
                }
                else if (cmdlet.ConfirmImpact != ConfirmImpactHigh || !cmdlet.SupportsShouldProcess)
                {
                    problems.Add(name + " is destructive: it needs SupportsShouldProcess = true and ConfirmImpact = ConfirmImpact.High");
                }
            }
            foreach (CmdletShape cmdlet in Cmdlets.Where(c => c.ConfirmImpact == ConfirmImpactHigh && !HighImpactCmdlets.Contains(c.Name)))
            {
                problems.Add(cmdlet.Name + " has ConfirmImpact = High but is not in the test's list of destructive cmdlets");
            }
            Violations.None(problems, "ConfirmImpact");
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_type()
        {
            Violations.None(Cmdlets.Where(c => c.OutputTypeNames.Count == 0).Select(c => c.Name + " has no [OutputType]"), "OutputType");
        }

        [Fact]
        public void Every_API_cmdlet_has_the_inherited_Session_parameter()
        {
            Violations.None(Cmdlets.Where(c => c.DerivesFrom("WuKongIM.PowerShell.WKApiCmdlet")).SelectMany(c =>
            {
                ParameterShape? session = c.Parameters.FirstOrDefault(p => p.Name == "Session");
                if (session == null)
                {
                    return new[] { c.Name + " has no -Session parameter" };
                }
                if (session.Property.DeclaringType?.FullName != "WuKongIM.PowerShell.WKApiCmdlet" || session.Type.FullName != "WuKongIM.PowerShell.WKSession")
                {
                    return new[] { c.Name + ": -Session must be the WKSession parameter inherited from WKApiCmdlet, not " + session.Property.DeclaringType?.Name + "." + session.Name };
                }
                return Array.Empty<string>();
            }), "Session parameter");
        }

        [Fact]
        public void No_parameter_name_or_alias_clashes_with_another_or_with_a_common_parameter()
        {
            var common = new HashSet<string>(CommonParameterNames, StringComparer.OrdinalIgnoreCase);
            Violations.None(Cmdlets.SelectMany(c =>
            {
                var problems = new List<string>();
                var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (ParameterShape p in c.Parameters)
                {
                    foreach (string name in new[] { p.Name }.Concat(p.Aliases))
                    {
                        if (common.Contains(name))
                        {
                            problems.Add(c.Name + ": -" + p.Name + (name == p.Name ? "" : " alias '" + name + "'") + " is a common parameter name or alias");
                        }
                        if (owners.TryGetValue(name, out string? owner) && owner != p.Name)
                        {
                            problems.Add(c.Name + ": '" + name + "' names both -" + owner + " and -" + p.Name);
                        }
                        else if (owners.ContainsKey(name))
                        {
                            problems.Add(c.Name + ": -" + p.Name + " lists '" + name + "' twice");
                        }
                        owners[name] = p.Name;
                    }
                }
                return problems;
            }), "Parameter names and aliases");
        }

        [Fact]
        public void Parameter_sets_can_be_resolved()
        {
            Violations.None(Cmdlets.SelectMany(ParameterSetProblems), "Parameter sets");
        }

        internal static IEnumerable<string> ParameterSetProblems(CmdletShape c)
        {
            IReadOnlyList<string> sets = c.EffectiveSets;
            foreach (string set in sets)
            {
                var members = c.Members(set).ToList();
                foreach (var clash in members.Where(m => m.Entry.Position.HasValue).GroupBy(m => m.Entry.Position!.Value).Where(g => g.Count() > 1))
                {
                    yield return c.Name + " set '" + set + "': position " + clash.Key + " is taken by " + string.Join(", ", clash.Select(m => "-" + m.Parameter.Name));
                }
                var byValue = members.Where(m => m.Entry.ByValue).ToList();
                if (byValue.Count > 1 && byValue.Select(m => m.Parameter.Type).Distinct().Count() < byValue.Count)
                {
                    yield return c.Name + " set '" + set + "': several parameters of the same type take pipeline input by value: " + string.Join(", ", byValue.Select(m => "-" + m.Parameter.Name));
                }
                if (members.Count(m => m.Entry.Remaining) > 1)
                {
                    yield return c.Name + " set '" + set + "': more than one ValueFromRemainingArguments parameter";
                }
            }
            if (sets.Count < 2)
            {
                yield break;
            }
            string? defaultSet = c.DefaultParameterSetName;
            if (defaultSet == null)
            {
                yield return c.Name + ": several parameter sets (" + string.Join(", ", sets) + ") but no DefaultParameterSetName";
                yield break;
            }
            IReadOnlyList<string> declared = c.DeclaredSets;
            if (!declared.Contains(defaultSet))
            {
                // A default set no parameter declares is the "none of the set-specific parameters" form. It is only
                // unambiguous when every declared set has a mandatory parameter of its own, and it must not be a typo.
                if (declared.Any(s => string.Equals(s, defaultSet, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return c.Name + ": DefaultParameterSetName '" + defaultSet + "' differs from a declared set only in case";
                }
                foreach (string set in declared)
                {
                    if (!c.Parameters.Any(p => p.Entries.Any(e => e.Set == set && e.Mandatory) && p.In(defaultSet) == null))
                    {
                        yield return c.Name + ": DefaultParameterSetName '" + defaultSet + "' is declared by no parameter, so set '" + set + "' needs a mandatory parameter of its own";
                    }
                }
            }
            foreach (string set in sets.Where(s => s != defaultSet))
            {
                if (!c.Parameters.Any(p => p.In(set) != null && p.In(defaultSet) == null))
                {
                    yield return c.Name + ": set '" + set + "' has no parameter outside the default set '" + defaultSet + "', so it can never be chosen";
                }
            }
            foreach (var same in sets.GroupBy(s => string.Join(",", c.Members(s).Select(m => m.Parameter.Name + (m.Entry.Mandatory ? "!" : "")).OrderBy(n => n, StringComparer.Ordinal))).Where(g => g.Count() > 1))
            {
                yield return c.Name + ": sets " + string.Join(" and ", same) + " have the same parameters";
            }
        }
    }
}
