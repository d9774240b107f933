using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Completion from the service (shop ids, integration keys): through the session's default connection, bounded to a
    /// short wait so the prompt never hangs, and cached per connection for a minute so each Tab is not a call.
    /// </summary>
    internal static class LiveCompletion
    {
        static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);
        static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);
        static readonly ConcurrentDictionary<string, (DateTime At, (string Text, string Tip)[] Items)> Cache = new ConcurrentDictionary<string, (DateTime, (string, string)[])>();

        public static (string Text, string Tip)[] Items(object connection, string what, Func<CancellationToken, Task<(string Text, string Tip)[]>> read)
        {
            if (connection == null) return new (string, string)[0];
            var key = what + "|" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(connection);
            if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < Keep) return hit.Items;
            using (var cts = new CancellationTokenSource(Wait))
            {
                try
                {
                    var task = Task.Run(() => read(cts.Token));
                    if (!task.Wait(Wait)) return new (string, string)[0];
                    Cache[key] = (DateTime.UtcNow, task.Result);
                    return task.Result;
                }
                catch (AggregateException) { return new (string, string)[0]; } // no completion beats an error at the prompt
            }
        }

        /// <summary>Quoted when the text would not parse as a bare word (spaces, dots).</summary>
        public static string Quote(string text) =>
            text.Any(c => !char.IsLetterOrDigit(c) && c != '_' && c != '-') ? "'" + text.Replace("'", "''") + "'" : text;
    }
}
