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

        /// <summary>
        /// Replaces the default. The previous connection is not disposed: a script may still hold it
        /// (Connect-* -PassThru) and pass it with -Connection.
        /// </summary>
        public static void Set<T>(T connection) where T : class => Defaults[Key(typeof(T))] = connection;

        public static T Get<T>() where T : class => Defaults.TryGetValue(Key(typeof(T)), out var c) ? (T)c : null;
    }
}
