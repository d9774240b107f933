namespace Accounting.Integrations.Core.Config
{
    /// <summary>The module's own state files (profiles, checkpoints, logs): <see cref="SafeFile"/> with the state folder created when missing.</summary>
    public static class PrivateFile
    {
        public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

        public static void WriteAllBytes(string path, byte[] bytes) => SafeFile.Write(path, bytes, createFolder: true);

        public static void RestrictToOwner(string path) => SafeFile.RestrictToOwner(path);
    }
}
