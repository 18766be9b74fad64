using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace WuKongIM.ModuleBuilder
{
    /// <summary>
    /// Loads the module's assemblies from the module folder, isolated from the tool. System.Management.Automation and
    /// anything the runtime already ships (System.Text.Json included) come from the default context: the stub beside the
    /// tool is enough to read attributes, and the runtime's own framework copies are newer than the ones in Dependencies/.
    /// </summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private readonly string[] _directories;
        private readonly HashSet<string> _platformAssemblies;

        public ModuleLoadContext(params string[] directories)
            : base("WuKongIM module metadata")
        {
            _directories = directories;
            _platformAssemblies = ReadPlatformAssemblyNames();
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (name == null || name == "System.Management.Automation" || _platformAssemblies.Contains(name))
            {
                return null;
            }
            foreach (string directory in _directories)
            {
                string candidate = Path.Combine(directory, name + ".dll");
                if (File.Exists(candidate))
                {
                    return LoadFromAssemblyPath(Path.GetFullPath(candidate));
                }
            }
            return null;
        }

        private static HashSet<string> ReadPlatformAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }
            return names;
        }
    }
}
