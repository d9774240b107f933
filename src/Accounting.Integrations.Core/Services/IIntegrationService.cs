using System;
using System.Collections.Generic;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Onboarding;

namespace Accounting.Integrations.Core.Services
{
    /// <summary>
    /// The seam every service implements once, in its own folder (Core/&lt;Service&gt;/&lt;Service&gt;Service.cs):
    /// what its profile entry holds, how a connection is made from that entry, and its onboarding checks.
    /// Profiles, Connect-* -Profile and onboarding work through it and name no service themselves.
    /// </summary>
    public interface IIntegrationService
    {
        /// <summary>The name profiles, -Service and results use (e.g. "Billecta").</summary>
        string Name { get; }
        /// <summary>The plain settings its profile entry may hold.</summary>
        IReadOnlyList<string> Settings { get; }
        /// <summary>The secret references its profile entry may hold.</summary>
        IReadOnlyList<string> Secrets { get; }
        /// <summary>The connection the entry describes (the one builder behind Connect-* -Profile, onboarding and many-profile runs).</summary>
        IDisposable Connect(ProfileEntry entry, TransportOptions transport);
        /// <summary>A fresh set of its onboarding checks for one run.</summary>
        ServiceOnboarding NewOnboarding();
    }

    /// <summary>The typed half of the seam: <see cref="Connect"/> returns the service's own connection type.</summary>
    public abstract class IntegrationService<TConnection> : IIntegrationService where TConnection : class, IDisposable
    {
        public abstract string Name { get; }
        public abstract IReadOnlyList<string> Settings { get; }
        public abstract IReadOnlyList<string> Secrets { get; }
        public abstract TConnection Connect(ProfileEntry entry, TransportOptions transport);
        public abstract ServiceOnboarding NewOnboarding();
        IDisposable IIntegrationService.Connect(ProfileEntry entry, TransportOptions transport) => Connect(entry, transport);
    }
}
