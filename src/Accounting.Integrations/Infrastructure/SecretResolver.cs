using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Finds a secret in the order a sysadmin expects: the parameter (SecureString or PSCredential), a
    /// SecretManagement vault when that module is loaded, then an environment variable. Runs on the
    /// pipeline thread, since vault lookups invoke PowerShell commands.
    /// </summary>
    internal sealed class SecretResolver
    {
        readonly PSCmdlet _cmdlet;

        public SecretResolver(PSCmdlet cmdlet) { _cmdlet = cmdlet; }

        /// <summary>Returns the secret or null when no source has it; errors when a named source is unusable.</summary>
        public Secret Resolve(SecureString direct, string vault, string secretName, string environmentVariable)
        {
            if (direct != null) return Secret.FromSecureString(direct);
            if (!string.IsNullOrEmpty(secretName)) return FromVault(vault, secretName, out _);
            if (!string.IsNullOrEmpty(environmentVariable))
            {
                var value = Environment.GetEnvironmentVariable(environmentVariable);
                if (!string.IsNullOrEmpty(value)) return Secret.FromPlainText(value);
            }
            return null;
        }

        /// <summary>Reads a vault secret; a PSCredential secret also yields its user name.</summary>
        public Secret FromVault(string vault, string secretName, out string userName)
        {
            userName = null;
            var command = _cmdlet.InvokeCommand.GetCommand("Microsoft.PowerShell.SecretManagement\\Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function);
            if (command == null)
            {
                Fail(ErrorIds.SecretManagementMissing, ErrorCategory.ObjectNotFound, secretName,
                    "Reading a secret from a vault needs the Microsoft.PowerShell.SecretManagement module.",
                    "Run Install-Module Microsoft.PowerShell.SecretManagement, register a vault, then Import-Module it; or pass the secret as a SecureString or environment variable.");
            }
            const string script = "param($name, $vault) if ($vault) { Microsoft.PowerShell.SecretManagement\\Get-Secret -Name $name -Vault $vault -ErrorAction Stop } else { Microsoft.PowerShell.SecretManagement\\Get-Secret -Name $name -ErrorAction Stop }";
            object value;
            try
            {
                value = _cmdlet.InvokeCommand.InvokeScript(script, false, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, secretName, vault)
                    .Select(o => o?.BaseObject).FirstOrDefault(o => o != null);
            }
            catch (RuntimeException ex)
            {
                Fail(ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, secretName,
                    $"The secret '{secretName}' could not be read{(string.IsNullOrEmpty(vault) ? "" : " from vault '" + vault + "'")}: {SecretRedactor.Redact(ex.Message)}",
                    "Check the secret name and vault with Get-SecretInfo, and that the vault is unlocked.");
                return null;
            }
            switch (value)
            {
                case SecureString s: return Secret.FromSecureString(s);
                case PSCredential c: userName = c.UserName; return Secret.FromSecureString(c.Password);
                case string s: return Secret.FromPlainText(s);
                case null:
                    Fail(ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, secretName,
                        $"The vault returned nothing for the secret '{secretName}'.", "Check the name with Get-SecretInfo.");
                    return null;
                default:
                    Fail(ErrorIds.SecretNotFound, ErrorCategory.InvalidType, secretName,
                        $"The secret '{secretName}' is a {value.GetType().Name}; a SecureString, PSCredential or string is needed.",
                        "Store the value with Set-Secret as a SecureString or PSCredential.");
                    return null;
            }
        }

        void Fail(string errorId, ErrorCategory category, object target, string message, string fix)
        {
            _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message + " " + fix), errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = fix },
            });
        }
    }
}
