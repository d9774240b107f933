using System;
using System.Collections.Generic;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>One customer's integrations: per service, plain settings and references to secrets.</summary>
    public sealed class IntegrationProfile
    {
        public string Name { get; set; }
        public string Description { get; set; }
        public IDictionary<string, ServiceSettings> Services { get; } = new Output.TextMap<ServiceSettings>();
    }

    /// <summary>A service's connection settings in a profile: values for plain settings, references for secrets.</summary>
    public sealed class ServiceSettings
    {
        public IDictionary<string, string> Settings { get; } = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public IDictionary<string, SecretReference> Secrets { get; } = new SortedDictionary<string, SecretReference>(StringComparer.OrdinalIgnoreCase);
    }
}
