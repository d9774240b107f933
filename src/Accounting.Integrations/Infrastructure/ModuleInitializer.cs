using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Loads the module's dependencies from its dependencies/ folder so they cannot clash with another
    /// module's versions. On PowerShell 7 they go into a private AssemblyLoadContext (reached by
    /// reflection: netstandard2.0 cannot name the type); on Windows PowerShell 5.1 through
    /// AssemblyResolve with Assembly.LoadFrom. On PowerShell 7, a ReadyToRun copy in dependencies/&lt;os&gt;-&lt;arch&gt;/ (the build
    /// makes one of the core for its own machine's OS and architecture) is preferred when it matches the process: it is
    /// precompiled, so the first call JIT-compiles a few hundred methods fewer. It holds the same IL, which the runtime
    /// uses instead if it rejects the precompiled code (another major .NET version). Beside it are the .NET builds of
    /// Microsoft.Bcl.AsyncInterfaces and Microsoft.Bcl.TimeProvider, which forward to the framework's own types.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");
        /// <summary>The ReadyToRun folder for this process (set on PowerShell 7 only), or null.</summary>
        static string _nativeFolder;
        static readonly ConcurrentDictionary<string, Assembly> Loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        static readonly object Gate = new object();
        static object _privateContext;
        static MethodInfo _loadFromPath;
        static Delegate _defaultResolving;
        static EventInfo _resolvingEvent;
        static object _defaultContext;
        static bool _registered;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered) return;
                var alcType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext");
                if (alcType != null)
                {
                    _nativeFolder = NativeFolder();
                    RegisterLoadContext(alcType);
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
                    EnableTls12();
                }
                _registered = true;
            }
        }

        /// <summary>
        /// Windows PowerShell 5.1 on a .NET Framework whose defaults predate TLS 1.2 (no SchUseStrongCrypto) offers only
        /// SSL 3 and TLS 1.0, which every service here refuses: add TLS 1.2 to what the process allows, taking nothing away.
        /// </summary>
        public static void EnableTls12()
        {
            var allowed = System.Net.ServicePointManager.SecurityProtocol;
            // SystemDefault (0) already lets the OS choose, TLS 1.2 included; an explicit list gets TLS 1.2 added.
            if (allowed != 0 && (allowed & System.Net.SecurityProtocolType.Tls12) == 0)
                System.Net.ServicePointManager.SecurityProtocol = allowed | System.Net.SecurityProtocolType.Tls12;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (!_registered) return;
                if (_resolvingEvent != null) _resolvingEvent.RemoveEventHandler(_defaultContext, _defaultResolving);
                else AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnFramework;
                _registered = false;
            }
        }

        static void RegisterLoadContext(Type alcType)
        {
            if (_privateContext == null)
            {
                _privateContext = Activator.CreateInstance(alcType, "Accounting.Integrations", false);
                _loadFromPath = alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
                var privateResolving = alcType.GetEvent("Resolving");
                privateResolving.AddEventHandler(_privateContext, CreateHandler(privateResolving));
            }
            _defaultContext = alcType.GetProperty("Default").GetValue(null);
            _resolvingEvent = alcType.GetEvent("Resolving");
            _defaultResolving = CreateHandler(_resolvingEvent);
            _resolvingEvent.AddEventHandler(_defaultContext, _defaultResolving);
        }

        // Func<AssemblyLoadContext, AssemblyName, Assembly> bound to a method taking object: parameter
        // contravariance lets CreateDelegate bind it without naming the type.
        static Delegate CreateHandler(EventInfo resolving) =>
            Delegate.CreateDelegate(resolving.EventHandlerType, typeof(ModuleInitializer).GetMethod(nameof(ResolveOnCore), BindingFlags.NonPublic | BindingFlags.Static));

        static Assembly ResolveOnCore(object context, AssemblyName name)
        {
            var path = DependencyPath(name);
            if (path == null) return null;
            return Loaded.GetOrAdd(name.Name, _ =>
            {
                lock (Gate) return (Assembly)_loadFromPath.Invoke(_privateContext, new object[] { path });
            });
        }

        static Assembly ResolveOnFramework(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var path = DependencyPath(name);
            return path == null ? null : Loaded.GetOrAdd(name.Name, _ => Assembly.LoadFrom(path));
        }

        static string DependencyPath(AssemblyName name)
        {
            if (string.IsNullOrEmpty(name.Name)) return null;
            if (_nativeFolder != null)
            {
                var native = Path.Combine(_nativeFolder, name.Name + ".dll");
                if (File.Exists(native)) return native;
            }
            var path = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? path : null;
        }

        /// <summary>
        /// dependencies/&lt;os&gt;-&lt;arch&gt;/ as the build names it (linux-x64, win-x64, osx-arm64), for this process; null before
        /// .NET 8 (PowerShell 7.3 and older), whose framework lacks the TimeProvider the folder's forwarder points at.
        /// </summary>
        internal static string NativeFolder()
        {
            if (Environment.Version.Major < 8) return null;
            string os = null;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) os = "win";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) os = "linux";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) os = "osx";
            if (os == null) return null;
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(); // x64, x86, arm, arm64
            return Path.Combine(DependencyFolder, os + "-" + arch);
        }
    }
}
