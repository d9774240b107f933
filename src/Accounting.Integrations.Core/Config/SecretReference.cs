using System;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>
    /// Where a secret lives, never the secret itself: an environment variable, or a SecretManagement
    /// vault and secret name, resolved when a connection is made.
    /// </summary>
    public sealed class SecretReference
    {
        public string EnvironmentVariable { get; set; }
        public string Vault { get; set; }
        public string SecretName { get; set; }

        public static SecretReference FromEnvironment(string variable) => new SecretReference { EnvironmentVariable = variable };
        public static SecretReference FromVault(string vault, string secretName) => new SecretReference { Vault = vault, SecretName = secretName };

        /// <summary>
        /// "env:NAME", "vault:Vault/Secret" or "vault:Secret" (the default vault); null for anything else, which could be a
        /// secret typed in by mistake (the caller refuses it without echoing it).
        /// </summary>
        public static SecretReference Parse(string text)
        {
            if (text == null) return null;
            if (text.StartsWith("env:", StringComparison.OrdinalIgnoreCase) && text.Length > 4) return FromEnvironment(text.Substring(4));
            if (!text.StartsWith("vault:", StringComparison.OrdinalIgnoreCase) || text.Length <= 6) return null;
            var rest = text.Substring(6);
            var slash = rest.IndexOf('/');
            return slash < 0 ? FromVault(null, rest) : FromVault(rest.Substring(0, slash), rest.Substring(slash + 1));
        }

        public bool IsEnvironment => !string.IsNullOrEmpty(EnvironmentVariable);
        public bool IsVault => !string.IsNullOrEmpty(SecretName);

        /// <summary>Null when valid; otherwise what is wrong and how to fix it.</summary>
        public string Problem()
        {
            if (IsEnvironment && IsVault) return "names both an environment variable and a vault secret; keep one.";
            if (!IsEnvironment && !IsVault) return "names neither an environment variable ('env') nor a vault secret ('secret').";
            if (IsEnvironment && EnvironmentVariable.IndexOfAny(new[] { ' ', '=', '\0' }) >= 0) return $"environment variable name '{EnvironmentVariable}' is not valid.";
            return null;
        }

        public override string ToString() =>
            IsEnvironment ? "env:" + EnvironmentVariable : "vault:" + (string.IsNullOrEmpty(Vault) ? "(default)" : Vault) + "/" + SecretName;
    }
}
