using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// System.Text.Json and its closure ship in the module's Dependencies folder. The resolver only answers when the host
    /// could not find an assembly itself, so on PowerShell 7 the runtime's own copies always win, and the folder serves
    /// Windows PowerShell 5.1 (.NET Framework, where none of them is in the box) and any assembly a PowerShell 7 host
    /// lacks (Microsoft.Bcl.AsyncInterfaces, which .NET 8 does not ship).
    /// </summary>
    public sealed class WKModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(WKModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            // Removed first so a second import never registers the handler twice.
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
        }

        /// <summary>The file that satisfies a requested assembly, or null when the module does not ship it.</summary>
        public static string? FindDependency(string directory, string requestedAssemblyName)
        {
            string name = new AssemblyName(requestedAssemblyName).Name ?? string.Empty;
            if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }
            string path = Path.Combine(directory, name + ".dll");
            return File.Exists(path) ? path : null;
        }

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            string? path = FindDependency(DependencyDirectory, args.Name);
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
