using System;
using System.Globalization;
using Accounting.Integrations.Core.Http;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>
    /// One service's entry of a saved profile, read the way every builder reads it: plain settings trimmed,
    /// base URLs checked, numbers positive, secrets resolved from their references. A problem is a
    /// <see cref="ProfileProblemException"/> that names the setting or secret and the fix, never a value.
    /// </summary>
    public sealed class ProfileEntry
    {
        readonly ServiceSettings _settings;
        readonly Func<SecretReference, Secret> _resolve;

        /// <param name="resolve">Reads a secret reference (vault or environment variable); throws <see cref="SecretUnreadableException"/> when it cannot.</param>
        public ProfileEntry(string profile, string service, ServiceSettings settings, Func<SecretReference, Secret> resolve)
        {
            Profile = profile;
            Service = service;
            _settings = settings;
            _resolve = resolve;
        }

        public string Profile { get; }
        public string Service { get; }

        /// <summary>A plain setting, trimmed; null when absent or blank.</summary>
        public string Setting(string name) => _settings.Settings.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        /// <summary>The baseUrl setting, with a trailing slash; null when absent. Only https (or a loopback sandbox).</summary>
        public Uri Url()
        {
            var text = Setting("baseUrl");
            if (text == null) return null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || CredentialTarget.Problem(url) != null)
                throw new ProfileProblemException(Service, $"The profile's {Service} baseUrl '{text}' is not an https:// URL (plain http is for a local sandbox only).", "Fix baseUrl with New-IntegrationProfile … -Force.");
            return url.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? url : new Uri(url.AbsoluteUri + "/");
        }

        /// <summary>A positive whole number setting; null when absent.</summary>
        public int? Number(string name)
        {
            var text = Setting(name);
            if (text == null) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
            throw new ProfileProblemException(Service, $"The profile's {Service} setting {name} is '{text}', not a positive whole number.", $"Fix {name} with New-IntegrationProfile … -Force.");
        }

        /// <summary>Resolves a secret reference; a missing or empty one is a problem that names the reference, never a value (or null when not required).</summary>
        public Secret Secret(string name, bool required)
        {
            if (!_settings.Secrets.TryGetValue(name, out var reference) || reference == null)
            {
                if (!required) return null;
                throw new ProfileProblemException(Service, $"The profile's {Service} connection has no '{name}' secret reference.",
                    $"Add it: New-IntegrationProfile <name> {Service} -SecretReference @{{ {name} = 'vault:Vault/Secret' }} -Force (with the other settings).");
            }
            Secret value;
            try { value = _resolve(reference); }
            catch (SecretUnreadableException ex)
            {
                throw new ProfileProblemException(Service, $"The {Service} secret '{name}' ({reference}) could not be read: {SecretRedactor.Redact(ex.Message)}",
                    "Check the vault and secret name with Get-SecretInfo, and that the vault is unlocked.");
            }
            if (value == null || value.IsEmpty)
            {
                if (!required) return null;
                throw new ProfileProblemException(Service, $"The {Service} secret '{name}' refers to {reference}, which is empty or not set.",
                    reference.IsEnvironment ? $"Set the environment variable {reference.EnvironmentVariable} for the account that runs this." : "Store the secret with Set-Secret.");
            }
            return value;
        }

        /// <summary>A problem with this entry, to throw: the builder's way to refuse a setting.</summary>
        public ProfileProblemException Problem(string message, string fix) => new ProfileProblemException(Service, message, fix);
    }
}
