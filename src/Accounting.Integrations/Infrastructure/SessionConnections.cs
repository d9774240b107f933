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

        /// <summary>This runspace's default connections, one per service.</summary>
        public static System.Collections.Generic.IEnumerable<object> All()
        {
            var prefix = (Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty) + "|";
            foreach (var pair in Defaults)
                if (pair.Key.StartsWith(prefix, StringComparison.Ordinal)) yield return pair.Value;
        }

        /// <summary>Forgets this runspace's default of the connection's type, if it is still that connection.</summary>
        public static bool Forget(object connection) =>
            connection != null && ((System.Collections.Generic.ICollection<System.Collections.Generic.KeyValuePair<string, object>>)Defaults)
                .Remove(new System.Collections.Generic.KeyValuePair<string, object>(Key(connection.GetType()), connection));
    }
}
