using System.Management.Automation;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>Reading output objects' properties (the module's types live in its own load context, so tests go through PSObject).</summary>
public static class PSObjects
{
    public static object Prop(PSObject o, string name) => o.Properties[name].Value;
}
