using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// A named checkpoint as a bulk Get-* uses it: opened before the read (refusing one made for another
    /// query), advanced on the pipeline thread after each record is delivered, saved every 100 records or
    /// second and when the command ends or is stopped. So a stopped run resumes exactly after the last
    /// record delivered; a killed process repeats at most the records of its last second, and loses none.
    /// </summary>
    internal sealed class CheckpointCursor
    {
        const int FlushEvery = 100;
        static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

        readonly CheckpointStore _store;
        readonly Checkpoint _checkpoint;
        readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
        int _unsaved;

        CheckpointCursor(CheckpointStore store, Checkpoint checkpoint)
        {
            _store = store;
            _checkpoint = checkpoint;
        }

        /// <summary>The last position delivered by earlier runs; null for a new checkpoint.</summary>
        public string Position => _checkpoint.Position;

        public static CheckpointCursor Open(PSCmdlet cmdlet, string name, string command, string query)
        {
            var problem = CheckpointStore.Problem(name);
            if (problem != null) cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint", problem, name));
            var store = new CheckpointStore();
            Checkpoint existing = null;
            try { existing = store.Get(name); }
            catch (InvalidDataException ex) { cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint", ex.Message, name)); }
            if (existing != null && (existing.Command != command || existing.Query != query))
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint",
                    $"Checkpoint '{name}' belongs to {existing.Command} {existing.Query}; this is {command} {query}. Use another -Checkpoint name, or remove it with Clear-IntegrationState -Checkpoint {name}.", name));
            var now = DateTimeOffset.UtcNow;
            return new CheckpointCursor(store, existing ?? new Checkpoint { Name = name, Command = command, Query = query, Created = now, Updated = now });
        }

        /// <summary>Records that the record at <paramref name="position"/> was delivered. Pipeline thread only.</summary>
        public void Advance(string position)
        {
            _checkpoint.Position = position;
            _checkpoint.Emitted++;
            if (++_unsaved >= FlushEvery || _sinceFlush.Elapsed >= FlushInterval) Flush();
        }

        public void Flush()
        {
            if (_unsaved == 0 && _checkpoint.Path != null) return;
            _checkpoint.Updated = DateTimeOffset.UtcNow;
            _store.Save(_checkpoint);
            _unsaved = 0;
            _sinceFlush.Restart();
        }
    }
}
