using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    internal sealed class SetEntry
    {
        public const string AllSets = "__AllParameterSets";

        public string Set { get; init; } = AllSets;
        public bool Mandatory { get; init; }
        public int? Position { get; init; }
        public bool ByValue { get; init; }
        public bool ByPropertyName { get; init; }
        public bool Remaining { get; init; }
    }

    internal sealed class ParameterShape
    {
        public PropertyInfo Property { get; init; } = null!;
        public string Name => Property.Name;
        public Type Type => Property.PropertyType;
        public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
        public IReadOnlyList<SetEntry> Entries { get; init; } = Array.Empty<SetEntry>();

        /// <summary>The entry that puts the parameter in a set: the set's own, else its all-sets entry; null when not in it.</summary>
        public SetEntry? In(string set) => Entries.FirstOrDefault(e => e.Set == set) ?? Entries.FirstOrDefault(e => e.Set == SetEntry.AllSets);
    }

    /// <summary>A cmdlet class of the built module, read with CustomAttributeData (attribute instances of the stub are empty).</summary>
    internal sealed class CmdletShape
    {
        public Type Type { get; init; } = null!;
        public string Verb { get; init; } = string.Empty;
        public string Noun { get; init; } = string.Empty;
        public string Name => Verb + "-" + Noun;
        public bool SupportsShouldProcess { get; init; }
        public bool SupportsPaging { get; init; }
        /// <summary>ConfirmImpact as its integer value (High = 3); null when not set.</summary>
        public int? ConfirmImpact { get; init; }
        public string? DefaultParameterSetName { get; init; }
        public IReadOnlyList<Type> OutputTypes { get; init; } = Array.Empty<Type>();
        public IReadOnlyList<string> OutputTypeNames { get; init; } = Array.Empty<string>();
        public IReadOnlyList<ParameterShape> Parameters { get; init; } = Array.Empty<ParameterShape>();

        public IReadOnlyList<string> DeclaredSets =>
            Parameters.SelectMany(p => p.Entries).Select(e => e.Set).Where(s => s != SetEntry.AllSets).Distinct().ToList();

        /// <summary>The sets PowerShell builds: the declared ones plus the default one (which may be declared by no parameter).</summary>
        public IReadOnlyList<string> EffectiveSets
        {
            get
            {
                var sets = DeclaredSets.ToList();
                if (sets.Count == 0)
                {
                    return new[] { DefaultParameterSetName ?? SetEntry.AllSets };
                }
                if (DefaultParameterSetName != null && !sets.Contains(DefaultParameterSetName))
                {
                    sets.Add(DefaultParameterSetName);
                }
                return sets;
            }
        }

        public IEnumerable<(ParameterShape Parameter, SetEntry Entry)> Members(string set) =>
            Parameters.Select(p => (p, p.In(set))).Where(x => x.Item2 != null).Select(x => (x.p, x.Item2!));

        public bool DerivesFrom(string fullName)
        {
            for (Type? t = Type.BaseType; t != null; t = t.BaseType)
            {
                if (t.FullName == fullName)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// The module as built into out/WuKongIM, loaded in its own context. System.Management.Automation resolves to the
    /// stub in the test's own bin folder (the module folder must not contain one); framework assemblies come from the
    /// runtime. The module's assemblies are separate from the ones the plain-logic tests reference, on purpose: these
    /// tests check what ships.
    /// </summary>
    internal static class BuiltModule
    {
        private const string Sma = "System.Management.Automation.";
        private static readonly Lazy<Loaded> State = new Lazy<Loaded>(Load);

        public static Assembly CmdletAssembly => State.Value.CmdletAssembly;
        public static Assembly ClientAssembly => State.Value.ClientAssembly;
        public static IReadOnlyList<CmdletShape> Cmdlets => State.Value.Cmdlets;

        public static Type? FindPublicType(string fullName) =>
            new[] { CmdletAssembly, ClientAssembly }.Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t != null && t.IsPublic);

        private sealed class Loaded
        {
            public Assembly CmdletAssembly { get; init; } = null!;
            public Assembly ClientAssembly { get; init; } = null!;
            public IReadOnlyList<CmdletShape> Cmdlets { get; init; } = null!;
        }

        private static Loaded Load()
        {
            string dir = RepoPaths.ModuleDirectory;
            Assert.True(File.Exists(Path.Combine(dir, "WuKongIM.PowerShell.dll")), "The built module is missing: run 'dotnet build -c Release' (it lays out " + dir + ").");
            var context = new ModuleContext(dir);
            Assembly cmdlets = context.LoadFromAssemblyPath(Path.Combine(dir, "WuKongIM.PowerShell.dll"));
            Assembly client = context.LoadFromAssemblyPath(Path.Combine(dir, "WuKongIM.Client.dll"));
            var shapes = new List<CmdletShape>();
            foreach (Type type in cmdlets.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                CustomAttributeData? cmdlet = Attribute(type.GetCustomAttributesData(), "CmdletAttribute");
                if (cmdlet != null)
                {
                    shapes.Add(Read(type, cmdlet));
                }
            }
            return new Loaded { CmdletAssembly = cmdlets, ClientAssembly = client, Cmdlets = shapes };
        }

        private static CmdletShape Read(Type type, CustomAttributeData cmdlet)
        {
            var parameters = new List<ParameterShape>();
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                IList<CustomAttributeData> attributes = property.GetCustomAttributesData();
                List<SetEntry> entries = attributes.Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute").Select(a => new SetEntry
                {
                    Set = Named<string>(a, "ParameterSetName") ?? SetEntry.AllSets,
                    Mandatory = Named<bool>(a, "Mandatory"),
                    Position = Named<int?>(a, "Position") is int p && p != int.MinValue ? p : null,
                    ByValue = Named<bool>(a, "ValueFromPipeline"),
                    ByPropertyName = Named<bool>(a, "ValueFromPipelineByPropertyName"),
                    Remaining = Named<bool>(a, "ValueFromRemainingArguments"),
                }).ToList();
                if (entries.Count > 0)
                {
                    parameters.Add(new ParameterShape { Property = property, Entries = entries, Aliases = Strings(Attribute(attributes, "AliasAttribute")) });
                }
            }
            var outputs = type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments).SelectMany(Flatten).ToList();
            return new CmdletShape
            {
                Type = type,
                Verb = (string)cmdlet.ConstructorArguments[0].Value!,
                Noun = (string)cmdlet.ConstructorArguments[1].Value!,
                SupportsShouldProcess = Named<bool>(cmdlet, "SupportsShouldProcess"),
                SupportsPaging = Named<bool>(cmdlet, "SupportsPaging"),
                ConfirmImpact = Named<int?>(cmdlet, "ConfirmImpact"),
                DefaultParameterSetName = Named<string>(cmdlet, "DefaultParameterSetName"),
                OutputTypes = outputs.OfType<Type>().ToList(),
                OutputTypeNames = outputs.Select(o => o is Type t ? t.FullName! : (string)o!).ToList(),
                Parameters = parameters,
            };
        }

        internal static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string name) =>
            attributes.FirstOrDefault(a => a.AttributeType.FullName == Sma + name);

        private static T? Named<T>(CustomAttributeData attribute, string name)
        {
            foreach (CustomAttributeNamedArgument argument in attribute.NamedArguments)
            {
                if (argument.MemberName == name && argument.TypedValue.Value is object value)
                {
                    // Enum-typed named arguments (ConfirmImpact) arrive as their underlying integer.
                    Type target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
                    return (T)(target.IsInstanceOfType(value) ? value : Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            return default;
        }

        private static IReadOnlyList<string> Strings(CustomAttributeData? attribute) =>
            attribute == null ? Array.Empty<string>() : attribute.ConstructorArguments.SelectMany(Flatten).OfType<string>().ToList();

        private static IEnumerable<object?> Flatten(CustomAttributeTypedArgument argument) =>
            argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };

        private sealed class ModuleContext : AssemblyLoadContext
        {
            private readonly string _directory;

            public ModuleContext(string directory) : base("built WuKongIM module") => _directory = directory;

            protected override Assembly? Load(AssemblyName name)
            {
                // Only the module's own assemblies come from the module folder; SMA (the stub next to the tests) and the
                // framework come from the default context.
                if (name.Name != null && name.Name.StartsWith("WuKongIM.", StringComparison.Ordinal))
                {
                    string path = Path.Combine(_directory, name.Name + ".dll");
                    return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
                }
                return null;
            }
        }
    }
}
