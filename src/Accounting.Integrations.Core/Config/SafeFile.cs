using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>What went wrong with a file, so a cmdlet can name the parameter (folder missing, a directory) or the file (access, in use).</summary>
    public enum FileProblem
    {
        FolderMissing,
        IsDirectory,
        /// <summary>A device or kernel file (/dev/null, /proc/…, NUL): writing one by replacing it would destroy it.</summary>
        NotAFile,
        AccessDenied,
        InUse,
        TooLarge,
        Failed,
    }

    /// <summary>A file the module could not read or write: the path, what is wrong and the fix. Nothing was changed.</summary>
    public sealed class FileAccessException : IOException
    {
        public FileAccessException(FileProblem problem, string path, string message, string fix, Exception inner = null)
            : base(message + " " + fix, inner)
        {
            Problem = problem;
            FilePath = path;
            Fix = fix;
        }

        public FileProblem Problem { get; }
        public string FilePath { get; }
        public string Fix { get; }
    }

    /// <summary>
    /// The one way the module writes and reads its files. A write goes to a temporary file in the same folder
    /// that is then renamed over the target, so a reader sees the old or the new content, never half; it holds
    /// an exclusive lock (other processes wait); it writes a symbolic link's target, so the link stays a link;
    /// it can keep the original as a backup whose name never collides with an earlier one; and it fails with a
    /// <see cref="FileAccessException"/> that says what to fix, leaving no temporary file behind (it may hold a secret).
    /// A missing folder is created only where the caller says so (the module's own state folder).
    /// A read is capped in size, so a device or a huge file is refused instead of filling memory.
    /// </summary>
    public static class SafeFile
    {
        /// <summary>How long a writer waits for another writer of the same file.</summary>
        public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(30);

        /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> (0600 on Unix). Returns the backup's path when one was kept.</summary>
        public static string Write(string path, byte[] bytes, bool createFolder = false, bool keepBackup = false, FileLock held = null)
        {
            var target = ResolveLinks(Path.GetFullPath(path));
            if (Directory.Exists(target))
                throw new FileAccessException(FileProblem.IsDirectory, target, $"{target} is a folder, not a file.", "Give the path of a file in it.");
            // A write replaces the file by renaming a new one over it: over a device (run as root, over /dev/zero or
            // /dev/null) that would replace the device itself, so such a path is refused before anything is touched.
            if (IsDeviceOrKernelPath(target))
                throw new FileAccessException(FileProblem.NotAFile, target, $"{target} is a device or system file, not a file the module can write.", "Give the path of an ordinary file (to discard the output, leave the parameter out).");
            var folder = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                if (!createFolder)
                    throw new FileAccessException(FileProblem.FolderMissing, target, $"The folder {folder} does not exist.", "Create it first, or give a path in an existing folder.");
                try { Directory.CreateDirectory(folder); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { throw Failure(ex, folder); }
            }

            var own = held == null ? Lock(target, DefaultLockWait) : null;
            try
            {
                string backup = null;
                var temp = Path.Combine(folder ?? ".", "." + Path.GetFileName(target) + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                var done = false;
                try
                {
                    if (keepBackup && File.Exists(target)) backup = WriteBackup(target);
                    using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        RestrictToOwner(temp); // before the content goes in: the new file may hold a secret
                        stream.Write(bytes, 0, bytes.Length);
                        stream.Flush(true);
                    }
                    if (File.Exists(target)) File.Replace(temp, target, null);
                    else File.Move(temp, target);
                    done = true;
                    return backup;
                }
                catch (Exception ex) when (ex is IOException && !(ex is FileAccessException) || ex is UnauthorizedAccessException)
                {
                    throw Failure(ex, target);
                }
                finally
                {
                    if (!done)
                    {
                        TryDelete(temp);
                        if (backup != null) TryDelete(backup); // nothing changed, so the copy of the original is not needed
                    }
                }
            }
            finally
            {
                own?.Dispose();
            }
        }

        /// <summary>
        /// An exclusive lock for changing <paramref name="path"/>, shared with every process of this user: waits up to
        /// <paramref name="wait"/> for another holder (zero: does not wait), then fails with <see cref="FileProblem.InUse"/>.
        /// The lock is an OS file lock, so a killed process releases it.
        /// </summary>
        public static FileLock Lock(string path, TimeSpan wait, CancellationToken cancellation = default, string purpose = null)
        {
            var lockFile = LockFileOf(path, purpose);
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                }
                catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException))
                {
                    if (DateTime.UtcNow >= deadline)
                        throw new FileAccessException(FileProblem.InUse, path, $"{path} is being {(purpose ?? "changed")} by another command (this or another process).",
                            "Wait for it to finish, then run this again.", ex);
                    if (cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(25))) cancellation.ThrowIfCancellationRequested();
                }
                catch (UnauthorizedAccessException ex)
                {
                    throw Failure(ex, lockFile);
                }
            }
        }

        /// <summary>Reads a whole file of at most <paramref name="maxBytes"/>; a bigger file (or a device that never ends) is refused before it is read whole.</summary>
        public static byte[] ReadAllBytes(string path, long maxBytes)
        {
            if (Directory.Exists(path))
                throw new FileAccessException(FileProblem.IsDirectory, path, $"{path} is a folder, not a file.", "Give the path of a file.");
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(path, maxBytes);
                    using (var buffer = new MemoryStream())
                    {
                        var chunk = new byte[81920];
                        int read;
                        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                        {
                            if (buffer.Length + read > maxBytes) throw TooLarge(path, maxBytes); // a device or pipe: its length says nothing
                            buffer.Write(chunk, 0, read);
                        }
                        return buffer.ToArray();
                    }
                }
            }
            catch (Exception ex) when (ex is IOException && !(ex is FileAccessException) && !(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException) || ex is UnauthorizedAccessException)
            {
                throw Failure(ex, path);
            }
        }

        /// <summary>UTF-8 text (a BOM is dropped) of at most <paramref name="maxBytes"/>.</summary>
        public static string ReadAllText(string path, long maxBytes)
        {
            var bytes = ReadAllBytes(path, maxBytes);
            var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            return new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        }

        /// <summary>The final target of a symbolic link (relative links resolved against the link's folder); the path itself otherwise.</summary>
        public static string ResolveLinks(string path)
        {
            // FileSystemInfo.ResolveLinkTarget exists from .NET 6 (pwsh 7.2+); Windows PowerShell 5.1 writes the path as given.
            var method = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(bool) }, null);
            if (method == null) return path;
            try
            {
                var final = (FileSystemInfo)method.Invoke(new FileInfo(path), new object[] { true });
                return final == null ? path : Path.GetFullPath(final.FullName);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is FileNotFoundException || ex.InnerException is DirectoryNotFoundException)
            {
                return path; // nothing there yet: the file is created as given
            }
            catch (TargetInvocationException ex) when (ex.InnerException is IOException)
            {
                throw new FileAccessException(FileProblem.Failed, path, $"{path} is a symbolic link that cannot be followed ({ex.InnerException.Message}).", "Fix or remove the link.");
            }
        }

        /// <summary>
        /// Unix device and kernel folders, and Windows device names. netstandard2.0 has no file-type query (a device
        /// reads as FileAttributes.Normal), so the path decides: these are the places where devices live.
        /// </summary>
        internal static bool IsDeviceOrKernelPath(string fullPath)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                if (fullPath.StartsWith(@"\\.\", StringComparison.Ordinal) || fullPath.StartsWith(@"\\?\GLOBALROOT", StringComparison.OrdinalIgnoreCase)) return true;
                var stem = Path.GetFileNameWithoutExtension(fullPath).TrimEnd(' ', '.').ToUpperInvariant();
                return stem == "CON" || stem == "NUL" || stem == "PRN" || stem == "AUX" || stem == "CONIN$" || stem == "CONOUT$"
                    || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal)) && char.IsDigit(stem[3]));
            }
            foreach (var root in new[] { "/dev/", "/proc/", "/sys/" })
                if (fullPath.StartsWith(root, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>chmod 600 on Unix. File.SetUnixFileMode exists from .NET 7 only, so it is reached by reflection.</summary>
        public static void RestrictToOwner(string path)
        {
            var setMode = OwnerOnly.Value;
            if (setMode == null) return;
            try { setMode.Invoke(null, new[] { path, OwnerOnlyMode }); }
            catch (TargetInvocationException ex) when (ex.InnerException != null) { throw ex.InnerException; }
        }

        // File.SetUnixFileMode exists from .NET 7 on (netstandard2.0 cannot name it): looked up once, not on every write.
        static readonly Lazy<MethodInfo> OwnerOnly = new Lazy<MethodInfo>(() =>
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            var modeType = Type.GetType("System.IO.UnixFileMode");
            if (modeType == null) return null;
            OwnerOnlyMode = Enum.ToObject(modeType, 0x180); // UserRead | UserWrite
            return typeof(File).GetMethod("SetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), modeType }, null);
        });
        static object OwnerOnlyMode;

        /// <summary>name.bak-yyyyMMdd-HHmmss, then -2, -3 … : created with CreateNew, so two runs in one second keep two backups.</summary>
        static string WriteBackup(string target)
        {
            var original = File.ReadAllBytes(target);
            var stem = target + ".bak-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            for (var n = 1; ; n++)
            {
                var candidate = n == 1 ? stem : stem + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                FileStream stream;
                try { stream = new FileStream(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None); }
                catch (IOException) when (File.Exists(candidate)) { continue; }
                using (stream)
                {
                    RestrictToOwner(candidate); // the original holds secrets too
                    stream.Write(original, 0, original.Length);
                    stream.Flush(true);
                }
                return candidate;
            }
        }

        static string LockFileOf(string path, string purpose)
        {
            var full = Path.GetFullPath(path);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) full = full.ToUpperInvariant();
            string hash;
            using (var sha = SHA256.Create())
                hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(full + "|" + purpose))).Replace("-", "").Substring(0, 32).ToLowerInvariant();
            var folder = Path.Combine(ConfigPaths.ConfigFolder, "locks");
            try { Directory.CreateDirectory(folder); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { throw Failure(ex, folder); }
            return Path.Combine(folder, Path.GetFileName(path) + "." + hash + ".lock");
        }

        static FileAccessException TooLarge(string path, long maxBytes) =>
            new FileAccessException(FileProblem.TooLarge, path, $"{path} is larger than {maxBytes / 1024 / 1024} MB (or does not end, like a device); the module reads files up to that size.",
                "Give the path of the right file.");

        static FileAccessException Failure(Exception ex, string path)
        {
            if (ex is UnauthorizedAccessException)
                return new FileAccessException(FileProblem.AccessDenied, path, $"{path} could not be written or read: access denied.",
                    "Check that this account may write it and its folder, and that it is not read-only or immutable (Linux: ls -l and lsattr, chattr -i; Windows: its Read-only attribute and permissions).", ex);
            return new FileAccessException(FileProblem.Failed, path, $"{path} could not be written or read: {ex.Message}", "Check the disk and the path, then run this again.", ex);
        }

        static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A held <see cref="SafeFile.Lock"/>; dispose to release.</summary>
    public sealed class FileLock : IDisposable
    {
        FileStream _stream;
        internal FileLock(FileStream stream) { _stream = stream; }
        public void Dispose() { Interlocked.Exchange(ref _stream, null)?.Dispose(); }
    }
}
