using System;
using System.IO;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;
using Accounting.Integrations.Core.Services;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Profiles
{
    /// <summary>
    /// A saved profile's entries as the services' builders read them (<see cref="ProfileEntry"/>): plain
    /// settings as they are, secrets resolved from their references (vault or environment variable) on the
    /// pipeline thread. Used by Connect-* -Profile and Invoke-IntegrationOnboarding; it knows no service.
    /// </summary>
    internal sealed class ProfileConnections
    {
        readonly PSCmdlet _cmdlet;
        readonly SecretResolver _secrets;

        public ProfileConnections(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            _secrets = new SecretResolver(cmdlet);
        }

        System.Collections.Generic.IReadOnlyList<IntegrationProfile> _saved;

        /// <summary>
        /// The profile file as this command first read it: one read for any number of profiles (a fleet run loads 500) and
        /// for the wildcards that named them. Throws <see cref="InvalidDataException"/> for a file that cannot be read.
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<IntegrationProfile> Saved => _saved ?? (_saved = new ProfileStore().Load());

        /// <summary>The named profile, or a terminating error naming -Profile.</summary>
        public IntegrationProfile Load(string name)
        {
            IntegrationProfile profile = null;
            try { profile = System.Linq.Enumerable.FirstOrDefault(Saved, p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)); }
            catch (InvalidDataException ex) { Stop(ex.Message, name, ErrorIds.ProfileInvalid); }
            if (profile == null) Stop($"There is no profile '{name}'; Get-IntegrationProfile lists them, New-IntegrationProfile makes one.", name, ErrorIds.InvalidParameter);
            return profile;
        }

        /// <summary>The profile's entry for a service, or a terminating error naming -Profile.</summary>
        public ProfileEntry Service(IntegrationProfile profile, IIntegrationService service)
        {
            var entry = Entry(profile, service.Name);
            if (entry == null)
                Stop($"Profile '{profile.Name}' has no {service.Name} connection; add one with New-IntegrationProfile {profile.Name} {service.Name} ….", profile.Name, ErrorIds.InvalidParameter);
            return entry;
        }

        /// <summary>The profile's entry for a service, or null when it has none.</summary>
        public ProfileEntry Entry(IntegrationProfile profile, string service) =>
            profile.Services.TryGetValue(service, out var settings) ? new ProfileEntry(profile.Name, service, settings, Resolve) : null;

        Core.Security.Secret Resolve(SecretReference reference)
        {
            try { return _secrets.Resolve(null, reference.Vault, reference.SecretName, reference.EnvironmentVariable); }
            catch (RuntimeException ex) when (!(ex is PipelineStoppedException)) { throw new SecretUnreadableException(ex.Message, ex); }
        }

        void Stop(string message, object target, string errorId) =>
            _cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidParameter("Profile", message, target, errorId));
    }
}
