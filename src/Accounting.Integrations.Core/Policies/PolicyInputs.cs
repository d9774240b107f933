using System;
using System.Collections.Generic;

namespace Accounting.Integrations.Core.Policies
{
    /// <summary>
    /// What a policy cmdlet was given, by parameter name: the sources a section observes (connections) and the values
    /// it adds to a new document. The sections read their own parameters; shared code passes them on unread.
    /// </summary>
    public sealed class PolicyInputs
    {
        readonly IReadOnlyDictionary<string, object> _values;
        readonly ICollection<string> _bound;

        public PolicyInputs(IReadOnlyDictionary<string, object> values, ICollection<string> bound)
        {
            _values = values ?? new Dictionary<string, object>();
            _bound = bound ?? new string[0];
        }

        public static readonly PolicyInputs None = new PolicyInputs(null, null);

        /// <summary>The parameter's value, or default when it was not given or is of another type.</summary>
        public T Get<T>(string parameter) => _values.TryGetValue(parameter, out var value) && value is T typed ? typed : default;

        /// <summary>True when the parameter was given on the command line or the pipeline.</summary>
        public bool IsBound(string parameter)
        {
            foreach (var name in _bound) if (string.Equals(name, parameter, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
