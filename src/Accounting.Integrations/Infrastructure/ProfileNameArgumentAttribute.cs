using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Accounting.Integrations.Core.Config;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// What a profile parameter (-Name, -Profile) takes, typed or piped: a profile name (or pattern) as text, a profile,
    /// or any object with a ProfileName property (profiles, onboarding results, a CSV column); nothing else. Bound by
    /// property name, a parameter called Name binds any object's Name (a shop's, a creditor's, a monitor's), and by
    /// value any object becomes text: either way a shop named like a customer would be onboarded or removed as that
    /// customer. Such an object is refused here, with the parameter named and what to pipe instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ProfileNameArgumentAttribute : ArgumentTransformationAttribute
    {
        /// <summary>The one property a piped object's profile name is read from.</summary>
        public const string PropertyName = "ProfileName";

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value == null || value is string) return value;
            if (value is IList list)
            {
                var names = new List<string>(list.Count);
                foreach (var item in list) names.Add(NameOf(item));
                return names.ToArray();
            }
            return NameOf(inputData);
        }

        static string NameOf(object item)
        {
            var value = item is PSObject ps ? ps.BaseObject : item;
            switch (value)
            {
                case null: return null;
                case string text: return text;
                case IntegrationProfile profile: return profile.Name;
            }
            // A number typed as a name (New-IntegrationProfile 2024 …) is still text the user gave.
            if (value.GetType().IsPrimitive) return Convert.ToString(value, CultureInfo.InvariantCulture);
            var property = PSObject.AsPSObject(item).Properties[PropertyName];
            var name = property?.Value is PSObject boxed ? boxed.BaseObject : property?.Value;
            if (name is string found) return found;
            var kind = OutputTypeNames.Of(value.GetType()) ?? value.GetType().Name;
            throw new ArgumentTransformationMetadataException(
                $"A {kind} is not a profile: a profile parameter takes a profile name, a profile (Get-IntegrationProfile) or an object with a {PropertyName} property, " +
                $"never another object's Name. Pipe Get-IntegrationProfile, or give the name, e.g. -Name contoso.");
        }
    }
}
