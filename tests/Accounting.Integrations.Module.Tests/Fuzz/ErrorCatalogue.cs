using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Accounting.Integrations.Module.Tests.Fuzz;

/// <summary>
/// The module's ErrorId catalogue, read from the loaded module: every ErrorId constant it declares (Module.*, Policy.*,
/// Onboarding.*) and Service.Reason for each service and reason. An error is acceptable when its ErrorId is in it, or
/// when PowerShell's parameter binder refused the input before the cmdlet ran (ParameterBindingException: it names the
/// parameter, e.g. a ValidateSet or a type that does not convert).
/// </summary>
static class ErrorCatalogue
{
    static readonly string[] Services = { "Billbee", "Tripletex", "IFirma", "Billecta", "Lime" };
    static HashSet<string> _ids;

    public static HashSet<string> Ids => _ids ??= Load();

    static HashSet<string> Load()
    {
        var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Accounting.Integrations");
        var core = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Accounting.Integrations.Core");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                if (field.IsLiteral && field.FieldType == typeof(string) && field.GetRawConstantValue() is string v && Regex.IsMatch(v, @"^(Module|Policy|Onboarding)\.[A-Z]\w+$"))
                    ids.Add(v);
        var reasons = core.GetType("Accounting.Integrations.Core.Errors.ErrorReason", true)!;
        foreach (var s in Services)
            foreach (var r in Enum.GetNames(reasons)) ids.Add(s + "." + r);
        return ids;
    }

    /// <summary>Null when the error is one of the module's (or the binder's); otherwise a description of the stray error.</summary>
    public static string Stray(ErrorRecord error)
    {
        if (error.Exception is ParameterBindingException) return null;
        var id = error.FullyQualifiedErrorId.Split(',')[0];
        return Ids.Contains(id) ? null : $"{error.FullyQualifiedErrorId} ({error.Exception?.GetType().FullName}: {error.Exception?.Message})";
    }
}
