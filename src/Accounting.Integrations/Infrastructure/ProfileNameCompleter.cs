using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>Tab completion for saved profile names (New-IntegrationProfile), with the services each connects as tooltip. Reads only the profile file.</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            IReadOnlyList<IntegrationProfile> profiles;
            // A broken or unreadable profile file completes nothing rather than throwing into the prompt.
            try { profiles = new ProfileStore().Load(); }
            catch (Exception) { return Enumerable.Empty<CompletionResult>(); }
            return profiles.Where(p => p.Name != null && p.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(p => new CompletionResult(LiveCompletion.Quote(p.Name), p.Name, CompletionResultType.ParameterValue, p.Name));
        }
    }
}
