using System;
using System.IO;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// A named checkpoint as a bulk Get-* uses it: at-least-once. Opened before the read (refusing one made for
    /// another query, and refusing a second reader of the same checkpoint, which would deliver the same records
    /// again); advanced in memory as each record is delivered; committed to disk only once the whole pipeline has
    /// completed, i.e. after every command after this one has run its end block (Export-Csv has closed its file,
    /// Sort-Object has written what it held). A command downstream may buffer any number of records, so nothing
    /// earlier is certainly consumed. A run that is stopped, fails terminating or is killed commits nothing: the
    /// next run repeats what it delivered and loses nothing. The repeat window is therefore one run; -First N
    /// bounds it to N records per run.
    /// </summary>
    internal sealed class CheckpointCursor : IDisposable
    {
        readonly CheckpointStore _store;
        readonly Checkpoint _checkpoint;
        FileLock _reader;
        long _uncommitted;

        CheckpointCursor(CheckpointStore store, Checkpoint checkpoint, FileLock reader)
        {
            _store = store;
            _checkpoint = checkpoint;
            _reader = reader;
        }

        /// <summary>The last position committed by earlier runs; null for a new checkpoint.</summary>
        public string Position { get; private set; }

        public static CheckpointCursor Open(PSCmdlet cmdlet, string name, string command, string query)
        {
            var problem = CheckpointStore.Problem(name);
            if (problem != null) cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint", problem, name));
            var store = new CheckpointStore();
            FileLock reader = null;
            try { reader = store.LockForReading(name); }
            catch (FileAccessException ex) when (ex.Problem == FileProblem.InUse)
            {
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint",
                    $"Checkpoint '{name}' is being read by another command (in this or another process); two reads of one checkpoint would deliver the same records twice. Wait for the other read to end, or use another -Checkpoint name.",
                    name, ErrorIds.CheckpointInUse, ErrorCategory.ResourceBusy));
            }
            catch (FileAccessException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.FromFileProblem(ex, "Checkpoint", name));
            }
            try
            {
                Checkpoint existing = null;
                try { existing = store.Get(name); }
                catch (InvalidDataException ex) { cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint", ex.Message, name)); }
                if (existing != null && (existing.Command != command || existing.Query != query))
                    cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Checkpoint",
                        $"Checkpoint '{name}' belongs to {existing.Command} {existing.Query}; this is {command} {query}. Use another -Checkpoint name, or remove it with Clear-IntegrationState -Checkpoint {name}.", name));
                var now = DateTimeOffset.UtcNow;
                return new CheckpointCursor(store, existing ?? new Checkpoint { Name = name, Command = command, Query = query, Created = now, Updated = now }, reader)
                {
                    Position = existing?.Position,
                };
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        /// <summary>Records that the record at <paramref name="position"/> was handed on. Pipeline thread only; nothing is written yet.</summary>
        public void Advance(string position)
        {
            _checkpoint.Position = position;
            _checkpoint.Emitted++;
            _uncommitted++;
        }

        /// <summary>Saves the position of the last record handed on. Only when the pipeline has completed (see the class summary).</summary>
        public void Commit()
        {
            if (_uncommitted == 0 && _checkpoint.Path != null) return;
            _checkpoint.Updated = DateTimeOffset.UtcNow;
            _store.Save(_checkpoint);
            _uncommitted = 0;
        }

        public void Dispose() => System.Threading.Interlocked.Exchange(ref _reader, null)?.Dispose();
    }
}
