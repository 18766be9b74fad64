using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace WuKongIM.ModuleBuilder
{
    /// <summary>One parameter's membership in one parameter set, as its [Parameter] attribute declares it.</summary>
    internal sealed class ParameterSetEntry
    {
        public const string AllSets = "__AllParameterSets";

        public string SetName { get; init; } = AllSets;
        public bool Mandatory { get; init; }
        /// <summary>Null when the parameter is named only.</summary>
        public int? Position { get; init; }
        public bool ByValue { get; init; }
        public bool ByPropertyName { get; init; }
        public bool RemainingArguments { get; init; }
        public string? HelpMessage { get; init; }
    }

    internal sealed class ParameterModel
    {
        public string Name { get; init; } = string.Empty;
        public Type Type { get; init; } = typeof(object);
        public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
        public IReadOnlyList<ParameterSetEntry> Sets { get; init; } = Array.Empty<ParameterSetEntry>();
        /// <summary>Values from [ValidateSet] or the names of an enum type; empty when any value goes.</summary>
        public IReadOnlyList<string> ValidValues { get; init; } = Array.Empty<string>();
        public bool SupportsWildcards { get; init; }
        /// <summary>The value a new cmdlet object holds, as text; null when there is none worth showing.</summary>
        public string? DefaultValue { get; set; }
        /// <summary>True for WhatIf and Confirm, which SupportsShouldProcess adds.</summary>
        public bool IsRiskParameter { get; init; }
        /// <summary>True for First, Skip and IncludeTotalCount, which SupportsPaging adds.</summary>
        public bool IsPagingParameter { get; init; }
        /// <summary>Added by PowerShell from a [Cmdlet] switch rather than declared by the cmdlet class.</summary>
        public bool IsAddedByHost => IsRiskParameter || IsPagingParameter;

        public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";
        public bool IsArray => Type.IsArray;

        public bool InSet(string setName) => Sets.Any(s => s.SetName == setName || s.SetName == ParameterSetEntry.AllSets);

        /// <summary>The entry that applies to a set: the set's own entry wins over the all-sets one.</summary>
        public ParameterSetEntry? EntryFor(string setName) =>
            Sets.FirstOrDefault(s => s.SetName == setName) ?? Sets.FirstOrDefault(s => s.SetName == ParameterSetEntry.AllSets);
    }

    /// <summary>
    /// A cmdlet as its metadata describes it. Read with CustomAttributeData only: the System.Management.Automation
    /// available here is a reference stub whose attribute instances return default values.
    /// </summary>
    internal sealed class CmdletModel
    {
        private const string Sma = "System.Management.Automation.";

        public string Verb { get; init; } = string.Empty;
        public string Noun { get; init; } = string.Empty;
        public string Name => Verb + "-" + Noun;
        public Type ImplementingType { get; init; } = typeof(object);
        public bool SupportsShouldProcess { get; init; }
        public bool SupportsPaging { get; init; }
        public string? DefaultParameterSetName { get; init; }
        /// <summary>Full type names from [OutputType], in declaration order.</summary>
        public IReadOnlyList<string> OutputTypes { get; init; } = Array.Empty<string>();
        public IReadOnlyList<ParameterModel> Parameters { get; init; } = Array.Empty<ParameterModel>();

        /// <summary>The parameter sets a user can end up in, the default one first; "__AllParameterSets" when none is named.</summary>
        public IReadOnlyList<string> ParameterSets
        {
            get
            {
                var named = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName)
                    .Where(n => n != ParameterSetEntry.AllSets).Distinct(StringComparer.Ordinal).ToList();
                if (named.Count == 0)
                {
                    return new[] { DefaultParameterSetName ?? ParameterSetEntry.AllSets };
                }
                // PowerShell also creates the default set when no parameter names it: the form with no set-specific parameters.
                if (DefaultParameterSetName != null && !named.Contains(DefaultParameterSetName))
                {
                    named.Add(DefaultParameterSetName);
                }
                return named.OrderBy(n => n == DefaultParameterSetName ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).ToList();
            }
        }

        public static IReadOnlyList<CmdletModel> ReadAll(Assembly assembly)
        {
            var result = new List<CmdletModel>();
            foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                if (type.IsAbstract || !type.IsClass)
                {
                    continue;
                }
                CustomAttributeData? cmdlet = Find(type.GetCustomAttributesData(), Sma + "CmdletAttribute");
                if (cmdlet != null)
                {
                    result.Add(Read(type, cmdlet));
                }
            }
            return result;
        }

        private static CmdletModel Read(Type type, CustomAttributeData cmdlet)
        {
            bool shouldProcess = Named<bool>(cmdlet, "SupportsShouldProcess");
            bool paging = Named<bool>(cmdlet, "SupportsPaging");
            var parameters = new List<ParameterModel>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            // Most-derived declarations first, so a property hidden with 'new' is read from the class that declares it last.
            foreach (PropertyInfo property in AllProperties(type))
            {
                IList<CustomAttributeData> attributes = property.GetCustomAttributesData();
                var entries = attributes.Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute").Select(ReadEntry).ToList();
                if (entries.Count == 0 || !seen.Add(property.Name))
                {
                    continue;
                }
                parameters.Add(new ParameterModel
                {
                    Name = property.Name,
                    Type = property.PropertyType,
                    Aliases = StringArguments(Find(attributes, Sma + "AliasAttribute")),
                    Sets = entries,
                    ValidValues = ValidValues(property.PropertyType, Find(attributes, Sma + "ValidateSetAttribute")),
                    SupportsWildcards = Find(attributes, Sma + "SupportsWildcardsAttribute") != null,
                });
            }
            if (shouldProcess)
            {
                parameters.Add(RiskParameter("WhatIf", "wi"));
                parameters.Add(RiskParameter("Confirm", "cf"));
            }
            if (paging)
            {
                // PowerShell adds these three to every cmdlet with SupportsPaging; Get-Help knows only what the MAML lists.
                parameters.Add(PagingParameter("First", typeof(ulong), defaultValue: null));
                parameters.Add(PagingParameter("Skip", typeof(ulong), defaultValue: "0"));
                parameters.Add(PagingParameter("IncludeTotalCount", typeof(System.Management.Automation.SwitchParameter), defaultValue: "False"));
            }
            var model = new CmdletModel
            {
                Verb = (string)cmdlet.ConstructorArguments[0].Value!,
                Noun = (string)cmdlet.ConstructorArguments[1].Value!,
                ImplementingType = type,
                SupportsShouldProcess = shouldProcess,
                SupportsPaging = paging,
                DefaultParameterSetName = Named<string?>(cmdlet, "DefaultParameterSetName"),
                OutputTypes = ReadOutputTypes(type),
                Parameters = parameters,
            };
            ReadDefaults(model);
            return model;
        }

        private static IEnumerable<PropertyInfo> AllProperties(Type type)
        {
            for (Type? t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                foreach (PropertyInfo p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken))
                {
                    yield return p;
                }
            }
        }

        private static ParameterModel RiskParameter(string name, string alias) => new ParameterModel
        {
            Name = name,
            // The same assembly the cmdlet assembly binds to: the tool's context hands out its own stub.
            Type = typeof(System.Management.Automation.SwitchParameter),
            Aliases = new[] { alias },
            Sets = new[] { new ParameterSetEntry() },
            IsRiskParameter = true,
            DefaultValue = "False",
        };

        private static ParameterModel PagingParameter(string name, Type type, string? defaultValue) => new ParameterModel
        {
            Name = name,
            Type = type,
            Sets = new[] { new ParameterSetEntry() },
            IsPagingParameter = true,
            DefaultValue = defaultValue,
        };

        private static ParameterSetEntry ReadEntry(CustomAttributeData parameter)
        {
            int position = Named(parameter, "Position", int.MinValue);
            return new ParameterSetEntry
            {
                SetName = Named<string?>(parameter, "ParameterSetName") ?? ParameterSetEntry.AllSets,
                Mandatory = Named<bool>(parameter, "Mandatory"),
                Position = position == int.MinValue ? null : position,
                ByValue = Named<bool>(parameter, "ValueFromPipeline"),
                ByPropertyName = Named<bool>(parameter, "ValueFromPipelineByPropertyName"),
                RemainingArguments = Named<bool>(parameter, "ValueFromRemainingArguments"),
                HelpMessage = Named<string?>(parameter, "HelpMessage"),
            };
        }

        private static IReadOnlyList<string> ReadOutputTypes(Type type)
        {
            var names = new List<string>();
            foreach (CustomAttributeData output in type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute"))
            {
                foreach (CustomAttributeTypedArgument argument in output.ConstructorArguments)
                {
                    foreach (object? value in Flatten(argument))
                    {
                        string? name = value is Type t ? TypeNames.FullName(t) : value as string;
                        if (!string.IsNullOrEmpty(name) && !names.Contains(name))
                        {
                            names.Add(name);
                        }
                    }
                }
            }
            return names;
        }

        private static IReadOnlyList<string> ValidValues(Type propertyType, CustomAttributeData? validateSet)
        {
            IReadOnlyList<string> set = StringArguments(validateSet);
            if (set.Count > 0)
            {
                return set;
            }
            Type element = TypeNames.Unwrap(propertyType);
            return element.IsEnum ? Enum.GetNames(element) : Array.Empty<string>();
        }

        /// <summary>Defaults come from a fresh instance: property initialisers are the only source of truth for them.</summary>
        private static void ReadDefaults(CmdletModel model)
        {
            object? instance;
            try
            {
                instance = Activator.CreateInstance(model.ImplementingType);
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is MissingMethodException || ex is MemberAccessException || ex is TypeLoadException)
            {
                return;
            }
            try
            {
                foreach (ParameterModel parameter in model.Parameters.Where(p => !p.IsAddedByHost))
                {
                    PropertyInfo? property = model.ImplementingType.GetProperty(parameter.Name, BindingFlags.Public | BindingFlags.Instance);
                    if (property?.GetMethod == null)
                    {
                        continue;
                    }
                    try
                    {
                        parameter.DefaultValue = parameter.IsSwitch ? "False" : FormatDefault(property.GetValue(instance));
                    }
                    catch (TargetInvocationException)
                    {
                        parameter.DefaultValue = null;
                    }
                }
            }
            finally
            {
                (instance as IDisposable)?.Dispose();
            }
        }

        private static string? FormatDefault(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string s:
                    return s.Length == 0 ? null : s;
                case bool b:
                    return b ? "True" : "False";
                case Enum e:
                    return e.ToString();
                case IFormattable f:
                    return f.ToString(null, CultureInfo.InvariantCulture);
                case ICollection c when c.Count == 0:
                    return null;
                case IEnumerable items:
                    return string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)));
                default:
                    return null;
            }
        }

        internal static CustomAttributeData? Find(IEnumerable<CustomAttributeData> attributes, string fullName) =>
            attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);

        private static T Named<T>(CustomAttributeData attribute, string name, T fallback = default!)
        {
            foreach (CustomAttributeNamedArgument argument in attribute.NamedArguments)
            {
                if (argument.MemberName == name)
                {
                    return argument.TypedValue.Value is T value ? value : fallback;
                }
            }
            return fallback;
        }

        private static IReadOnlyList<string> StringArguments(CustomAttributeData? attribute)
        {
            if (attribute == null)
            {
                return Array.Empty<string>();
            }
            return attribute.ConstructorArguments.SelectMany(Flatten).OfType<string>().ToList();
        }

        private static IEnumerable<object?> Flatten(CustomAttributeTypedArgument argument)
        {
            if (argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items)
            {
                return items.Select(i => i.Value);
            }
            return new[] { argument.Value };
        }
    }

    /// <summary>Type names as PowerShell help shows them.</summary>
    internal static class TypeNames
    {
        /// <summary>Element type of arrays and underlying type of nullables.</summary>
        public static Type Unwrap(Type type)
        {
            Type t = type.IsArray ? type.GetElementType()! : type;
            return Nullable.GetUnderlyingType(t) ?? t;
        }

        /// <summary>"System.String[]", "System.Nullable`1[System.UInt64]".</summary>
        public static string FullName(Type type)
        {
            if (type.IsArray)
            {
                return FullName(type.GetElementType()!) + "[]";
            }
            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                string definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
                return definition + "[" + string.Join(",", type.GetGenericArguments().Select(FullName)) + "]";
            }
            return type.FullName ?? type.Name;
        }

        /// <summary>The short name used in syntax lines: "String[]", "UInt64", "SwitchParameter".</summary>
        public static string ShortName(Type type)
        {
            if (type.IsArray)
            {
                return ShortName(type.GetElementType()!) + "[]";
            }
            Type? underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null)
            {
                return ShortName(underlying);
            }
            if (type.IsGenericType)
            {
                string name = type.Name;
                int tick = name.IndexOf('`', StringComparison.Ordinal);
                return (tick < 0 ? name : name.Substring(0, tick)) + "[" + string.Join(",", type.GetGenericArguments().Select(ShortName)) + "]";
            }
            return type.Name;
        }
    }
}
