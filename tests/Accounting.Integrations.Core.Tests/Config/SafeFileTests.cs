using System.Diagnostics;
using Accounting.Integrations.Core.Config;
using YamlDotNet.Core;

namespace Accounting.Integrations.Core.Tests.Config;

/// <summary>Issue 15 items 5, 7 and 9 at the core: the one write path and the one bounded YAML reader.</summary>
public class SafeFileTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("ai-safefile-").FullName;

    [Fact]
    public void Backups_never_overwrite_each_other_even_within_one_second()
    {
        var path = Path.Combine(_folder, "app.yaml");
        File.WriteAllText(path, "v0");
        var backups = new List<string>();
        for (var i = 1; i <= 5; i++) backups.Add(SafeFile.Write(path, System.Text.Encoding.UTF8.GetBytes("v" + i), keepBackup: true));
        Assert.Equal(5, backups.Distinct().Count());
        Assert.Equal(new[] { "v0", "v1", "v2", "v3", "v4" }, backups.Select(File.ReadAllText));
        Assert.Equal("v5", File.ReadAllText(path));
    }

    [Fact]
    public void A_symbolic_link_stays_a_link_and_its_target_gets_the_content()
    {
        var real = Directory.CreateDirectory(Path.Combine(_folder, "real")).FullName;
        var target = Path.Combine(real, "app.yaml");
        File.WriteAllText(target, "old");
        var link = Path.Combine(_folder, "link.yaml");
        File.CreateSymbolicLink(link, target);
        var backup = SafeFile.Write(link, "new"u8.ToArray(), keepBackup: true);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(real, Path.GetDirectoryName(backup));
        Assert.Equal("old", File.ReadAllText(backup));
    }

    [Fact]
    public void A_missing_folder_is_an_error_unless_asked_to_create_it()
    {
        var deep = Path.Combine(_folder, "a", "b", "c", "file.json");
        var ex = Assert.Throws<FileAccessException>(() => SafeFile.Write(deep, "x"u8.ToArray()));
        Assert.Equal(FileProblem.FolderMissing, ex.Problem);
        Assert.False(Directory.Exists(Path.Combine(_folder, "a")));
        SafeFile.Write(deep, "x"u8.ToArray(), createFolder: true);
        Assert.True(File.Exists(deep));
    }

    [Fact]
    public void A_file_that_cannot_be_replaced_gives_access_denied_with_the_fix_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "app.yaml");
        File.WriteAllText(path, "original");
        using (Unwritable.Make(path))
        {
            var ex = Assert.Throws<FileAccessException>(() => SafeFile.Write(path, "SECRET-new-header"u8.ToArray(), keepBackup: true));
            Assert.Equal(FileProblem.AccessDenied, ex.Problem);
            Assert.Contains(path, ex.Message);
            Assert.Contains("chattr -i", ex.Fix);
        }
        Assert.Equal("original", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder)); // no .tmp-*, no backup of an unchanged file
    }

    [Fact]
    public void Concurrent_writers_of_one_file_take_turns()
    {
        var path = Path.Combine(_folder, "counter.txt");
        File.WriteAllText(path, "0");
        // Read-modify-write under the lock from 8 threads: without the lock, increments are lost.
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            using var held = SafeFile.Lock(path, SafeFile.DefaultLockWait);
            var n = int.Parse(File.ReadAllText(path));
            SafeFile.Write(path, System.Text.Encoding.UTF8.GetBytes((n + 1).ToString()), held: held);
        });
        Assert.Equal("200", File.ReadAllText(path));
    }

    [Fact]
    public void A_held_lock_refuses_a_second_holder_that_does_not_wait()
    {
        var path = Path.Combine(_folder, "k.json");
        using (SafeFile.Lock(path, TimeSpan.Zero, purpose: "read"))
        {
            var ex = Assert.Throws<FileAccessException>(() => SafeFile.Lock(path, TimeSpan.Zero, purpose: "read"));
            Assert.Equal(FileProblem.InUse, ex.Problem);
        }
        SafeFile.Lock(path, TimeSpan.Zero, purpose: "read").Dispose(); // released
    }

    [Fact]
    public void A_write_to_a_device_is_refused_and_leaves_the_device_as_it_was()
    {
        // The atomic write renames a new file over its target: as root, over /dev/zero, that replaced the device with a
        // one-line file (a fuzz run did). The path is refused before anything is touched, and /dev/zero still reads zeros.
        if (OperatingSystem.IsWindows()) { Assert.True(SafeFile.IsDeviceOrKernelPath(@"C:\work\NUL.txt")); return; }
        var ex = Assert.Throws<FileAccessException>(() => SafeFile.Write("/dev/zero", new byte[] { 1, 2, 3 }));
        Assert.Equal(FileProblem.NotAFile, ex.Problem);
        Assert.Contains("ordinary file", ex.Message);
        var head = new byte[16];
        using (var device = File.OpenRead("/dev/zero")) Assert.Equal(16, device.Read(head, 0, 16));
        Assert.All(head, b => Assert.Equal(0, b));
        Assert.True(SafeFile.IsDeviceOrKernelPath("/proc/self/environ"));
        Assert.False(SafeFile.IsDeviceOrKernelPath(Path.Combine(_folder, "dev", "zero")));
    }

    [Fact]
    public void A_device_that_never_ends_and_a_big_file_are_refused_before_being_read_whole()
    {
        var zero = Assert.Throws<FileAccessException>(() => SafeFile.ReadAllBytes("/dev/zero", 1024 * 1024));
        Assert.Equal(FileProblem.TooLarge, zero.Problem);
        var big = Path.Combine(_folder, "big.yaml");
        using (var f = File.Create(big)) f.SetLength(50L * 1024 * 1024); // sparse: 50 MB long, nothing to read
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(FileProblem.TooLarge, Assert.Throws<FileAccessException>(() => SafeFile.ReadAllBytes(big, YamlText.MaxBytes)).Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "the file was read before it was refused");
    }

    public void Dispose()
    {
        Directory.Delete(_folder, true);
    }
}

/// <summary>Makes a file impossible to replace: chattr +i as root (root ignores modes), a read-only folder otherwise.</summary>
sealed class Unwritable : IDisposable
{
    readonly string _path;
    readonly bool _immutable;

    Unwritable(string path, bool immutable) { _path = path; _immutable = immutable; }

    public static Unwritable Make(string path)
    {
        if (Run("chattr", "+i", path)) return new Unwritable(path, true);
        File.SetUnixFileMode(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return new Unwritable(path, false);
    }

    public void Dispose()
    {
        if (_immutable) Run("chattr", "-i", _path);
        else File.SetUnixFileMode(Path.GetDirectoryName(_path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    static bool Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
