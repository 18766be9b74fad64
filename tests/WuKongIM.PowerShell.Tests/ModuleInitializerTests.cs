using System;
using System.IO;
using Xunit;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>WKModuleInitializer.FindDependency: what Windows PowerShell 5.1 loads from Dependencies/.</summary>
    public sealed class ModuleInitializerTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "wk-deps-" + Guid.NewGuid().ToString("N"));

        public ModuleInitializerTests()
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllBytes(Path.Combine(_directory, "System.Text.Json.dll"), new byte[] { 0 });
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Theory]
        [InlineData("System.Text.Json, Version=8.0.0.5, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("System.Text.Json, Version=6.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("System.Text.Json")]
        public void A_shipped_assembly_is_found_whatever_version_is_asked_for(string requested)
        {
            Assert.Equal(Path.Combine(_directory, "System.Text.Json.dll"), WKModuleInitializer.FindDependency(_directory, requested));
        }

        [Theory]
        [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
        [InlineData("System.Memory")]
        public void An_assembly_the_module_does_not_ship_is_left_to_the_host(string requested)
        {
            Assert.Null(WKModuleInitializer.FindDependency(_directory, requested));
        }

        [Fact]
        public void A_name_cannot_reach_outside_the_folder()
        {
            string outside = Path.Combine(Path.GetDirectoryName(_directory)!, "Evil.dll");
            Assert.Null(WKModuleInitializer.FindDependency(_directory, "../Evil"));
            Assert.Null(WKModuleInitializer.FindDependency(Path.Combine(_directory, "missing"), "System.Text.Json"));
            Assert.False(File.Exists(outside) && WKModuleInitializer.FindDependency(_directory, "../Evil") != null);
        }
    }
}
