using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>Writes files that only the current user may read (mode 0600 on Unix), atomically.</summary>
    public static class PrivateFile
    {
        public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

        public static void WriteAllBytes(string path, byte[] bytes)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            var temp = path + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            File.WriteAllBytes(temp, bytes);
            RestrictToOwner(temp);
            if (File.Exists(path)) File.Replace(temp, path, null); else File.Move(temp, path);
            RestrictToOwner(path);
        }

        /// <summary>chmod 600 on Unix. File.SetUnixFileMode exists from .NET 7 only, so it is reached by reflection.</summary>
        public static void RestrictToOwner(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var method = typeof(File).GetMethod("SetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null,
                new[] { typeof(string), Type.GetType("System.IO.UnixFileMode") ?? typeof(object) }, null);
            if (method == null) return;
            var modeType = method.GetParameters()[1].ParameterType;
            method.Invoke(null, new[] { path, Enum.ToObject(modeType, 0x180) }); // UserRead | UserWrite
        }
    }
}
