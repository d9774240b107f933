using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Profiles
{
    /// <summary>
    /// One service's connection from a -Setting and a -SecretReference hashtable, as New-IntegrationProfile takes them and
    /// Import-IntegrationProfile's rows hold them: settings as text, secrets only as references ('env:VARIABLE',
    /// 'vault:Vault/SecretName'). Anything else given as a secret could be the secret itself: a problem that names the
    /// entry, never its value.
    /// </summary>
    internal static class ProfileInput
    {
        public static ServiceSettings Connection(IDictionary setting, IDictionary secretReference, IList<string> problems)
        {
            var connection = new ServiceSettings();
            if (setting != null)
                foreach (DictionaryEntry s in setting) connection.Settings[s.Key.ToString()] = Unwrap(s.Value)?.ToString();
            if (secretReference != null)
                foreach (DictionaryEntry r in secretReference)
                {
                    var name = r.Key.ToString();
                    var value = Unwrap(r.Value);
                    var reference = value as SecretReference ?? SecretReference.Parse(value as string);
                    if (reference == null) problems.Add($"-SecretReference '{name}' must be 'env:VARIABLE' or 'vault:Vault/SecretName'; a profile stores where a secret is, never the secret.");
                    else connection.Secrets[name] = reference;
                }
            return connection;
        }

        /// <summary>A hashtable, or a PSCustomObject's properties (from ConvertFrom-Json or Import-Clixml) as one; null when it is neither.</summary>
        public static IDictionary Dictionary(object value)
        {
            var bare = Unwrap(value);
            if (bare == null || bare is IDictionary) return (IDictionary)bare;
            return bare is PSCustomObject ? Properties(value) : null;
        }

        /// <summary>A hashtable as it is, or any object's properties as a case-insensitive one.</summary>
        public static IDictionary Properties(object value)
        {
            if (Unwrap(value) is IDictionary dictionary) return dictionary;
            // The wrapper, not its base: a PSCustomObject's properties live on the PSObject around it.
            var table = new Hashtable(System.StringComparer.OrdinalIgnoreCase);
            foreach (var property in PSObject.AsPSObject(value).Properties)
            {
                try { table[property.Name] = property.Value; }
                catch (GetValueException) { table[property.Name] = null; }
            }
            return table;
        }

        static object Unwrap(object value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
