using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// -Service takes a registered service's name (any case), like a ValidateSet whose set is the registration
    /// list, so a new service needs no cmdlet edit. The refusal reads as a ValidateSet's does.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateServiceNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var name = (element is PSObject ps ? ps.BaseObject : element)?.ToString();
            if (IntegrationServices.Find(name) == null)
                throw new ValidationMetadataException($"The argument \"{name}\" does not belong to the set \"{string.Join(",", IntegrationServices.Names)}\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.");
        }
    }

    /// <summary>Tab completion of -Service from the registration list.</summary>
    public sealed class ServiceNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            IntegrationServices.Names
                .Where(n => n.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
