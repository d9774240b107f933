using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>The default connection per service for each runspace, set by Connect-*.</summary>
    internal static class SessionConnections
    {
        static readonly ConcurrentDictionary<string, object> Defaults = new ConcurrentDictionary<string, object>();

        static string Key(Type type) => (Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty) + "|" + type.FullName;

        public static void Set<T>(T connection) where T : class
        {
            var key = Key(typeof(T));
            if (Defaults.TryGetValue(key, out var previous) && !ReferenceEquals(previous, connection)) (previous as IDisposable)?.Dispose();
            Defaults[key] = connection;
        }

        public static T Get<T>() where T : class => Defaults.TryGetValue(Key(typeof(T)), out var c) ? (T)c : null;
    }
}
