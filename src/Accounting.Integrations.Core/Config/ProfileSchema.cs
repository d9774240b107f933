using System;
using System.Collections.Generic;
using System.Linq;
using Accounting.Integrations.Core.Services;

namespace Accounting.Integrations.Core.Config
{
    /// <summary>The settings and secret references each registered service's profile entry may hold, so a typo is caught when the profile is saved.</summary>
    public static class ProfileSchema
    {
        public static readonly IReadOnlyDictionary<string, (string[] Settings, string[] Secrets)> Services =
            IntegrationServices.All.ToDictionary(s => s.Name, s => (s.Settings.ToArray(), s.Secrets.ToArray()), StringComparer.OrdinalIgnoreCase);

        /// <summary>The registration list's order, which is the seeds' order.</summary>
        public static readonly string[] Order = IntegrationServices.Names.ToArray();
    }
}
