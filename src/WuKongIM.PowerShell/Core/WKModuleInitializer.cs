using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WuKongIM.PowerShell
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework) System.Text.Json and its closure are not in the box: they ship in the
    /// module's Dependencies folder and are resolved from there. On PowerShell 7 the host's own copies are used.
    /// </summary>
    public sealed class WKModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(WKModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            if (IsDesktop)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
                AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
        }

        internal static bool IsDesktop => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

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
