using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Core.Sandbox
{
    /// <summary>
    /// The sandbox as a child process, for rehearsing in one's own shell. It shares no code with the sandbox:
    /// it starts the sandbox's assembly with `dotnet`, reads the address from its first line of output and its
    /// demo accounts from GET /_sandbox/accounts, and stops it with POST /_sandbox/stop.
    /// </summary>
    public sealed class SandboxProcess : IDisposable
    {
        static readonly Regex Listening = new Regex(@"^Sandbox listening on (?<url>http://\S+)", RegexOptions.CultureInvariant);

        readonly Process _process;
        readonly StringBuilder _errors = new StringBuilder();

        SandboxProcess(Process process) { _process = process; }

        public int ProcessId => _process.Id;
        public Uri BaseUri { get; private set; }
        /// <summary>The demo accounts, flattened: "&lt;service&gt;.apiKey", "&lt;service&gt;.integrationEmployee.id", …</summary>
        public IReadOnlyDictionary<string, string> Accounts { get; private set; }
        public bool HasExited => _process.HasExited;

        /// <summary>Starts <paramref name="sandboxAssembly"/> and waits until it listens and has told its accounts.</summary>
        public static SandboxProcess Start(string dotnet, string sandboxAssembly, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var info = new ProcessStartInfo(dotnet)
            {
                Arguments = string.Join(" ", new[] { sandboxAssembly }.Concat(arguments).Concat(new[] { "--parent-pid", Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Select(Quote)),
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true, // never the shell's console: Ctrl+C there stops the shell's command, not this child
            };
            var process = Process.Start(info) ?? throw new InvalidOperationException($"'{dotnet}' did not start.");
            var sandbox = new SandboxProcess(process);
            var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) { ready.TrySetResult(null); return; }
                var m = Listening.Match(e.Data);
                if (m.Success) ready.TrySetResult(new Uri(m.Groups["url"].Value));
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (sandbox._errors) if (sandbox._errors.Length < 4000) sandbox._errors.AppendLine(e.Data);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var waited = Task.WhenAny(ready.Task, Task.Delay(timeout, cancellationToken)).GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
                if (waited != ready.Task) throw new TimeoutException($"The sandbox did not report its address within {timeout.TotalSeconds:0} s.{sandbox.ErrorText()}");
                if (ready.Task.Result == null)
                {
                    process.WaitForExit(2000);
                    throw new InvalidOperationException($"The sandbox ended before it listened (exit code {(process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}).{sandbox.ErrorText()}");
                }
                sandbox.BaseUri = ready.Task.Result;
                using (var http = new HttpClient { Timeout = timeout })
                {
                    var json = http.GetStringAsync(new Uri(sandbox.BaseUri, "_sandbox/accounts")).GetAwaiter().GetResult();
                    sandbox.Accounts = Flatten(json);
                }
                return sandbox;
            }
            catch
            {
                sandbox.Kill();
                sandbox.Dispose();
                throw;
            }
        }

        /// <summary>Asks the sandbox to stop and waits; kills it when it has not ended in time. True when it stopped by itself.</summary>
        public bool Stop(TimeSpan timeout)
        {
            if (_process.HasExited) return true;
            try
            {
                using (var http = new HttpClient { Timeout = timeout })
                    http.PostAsync(new Uri(BaseUri, "_sandbox/stop"), new ByteArrayContent(new byte[0])).GetAwaiter().GetResult().Dispose();
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (_process.WaitForExit((int)timeout.TotalMilliseconds)) return true;
            Kill();
            return false;
        }

        void Kill()
        {
            try { if (!_process.HasExited) _process.Kill(); _process.WaitForExit(5000); }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
        }

        string ErrorText()
        {
            lock (_errors) return _errors.Length == 0 ? "" : " It said: " + _errors.ToString().Trim();
        }

        static Dictionary<string, string> Flatten(string json)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using (var document = JsonDocument.Parse(json)) Walk(document.RootElement, "", result);
            return result;
        }

        static void Walk(JsonElement element, string prefix, Dictionary<string, string> into)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in element.EnumerateObject()) Walk(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, into);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) Walk(item, prefix + "." + i++, into);
                    break;
                case JsonValueKind.String: into[prefix] = element.GetString(); break;
                case JsonValueKind.Null: break;
                default: into[prefix] = element.GetRawText(); break;
            }
        }

        /// <summary>One argument for a Windows-style command line (netstandard2.0 has no ArgumentList).</summary>
        static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0) return argument;
            var s = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                if (c == '"') s.Append('\\', backslashes * 2 + 1);
                else s.Append('\\', backslashes);
                backslashes = 0;
                s.Append(c);
            }
            s.Append('\\', backslashes * 2).Append('"');
            return s.ToString();
        }

        /// <summary>The `dotnet` that runs this process when it is one (`dotnet pwsh`), else DOTNET_ROOT's, else the one on PATH.</summary>
        public static string FindDotnet()
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
            try
            {
                var self = Process.GetCurrentProcess().MainModule?.FileName;
                var name = Path.GetFileNameWithoutExtension(self ?? "");
                if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase)) return self;
            }
            catch (System.ComponentModel.Win32Exception) { }
            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root))
                foreach (var candidate in new[] { Path.Combine(root, "dotnet"), Path.Combine(root, "dotnet.exe") })
                    if (File.Exists(candidate)) return candidate;
            return "dotnet";
        }

        public void Dispose() => _process.Dispose();
    }
}
