using System;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>A piece of the module's local state that Clear-IntegrationState removed (or, with -WhatIf, would remove).</summary>
    public sealed class IntegrationStateItem
    {
        /// <summary>Checkpoint, Log or TripletexSession.</summary>
        public string Kind { get; set; }
        public string Name { get; set; }
        public DateTimeOffset LastUsed { get; set; }
        public string Path { get; set; }
        public string Detail { get; set; }

        public override string ToString() => $"{Kind} {Name}";
    }
}
