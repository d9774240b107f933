using System.Management.Automation;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>Everything one script run produced, stream by stream.</summary>
public sealed class ScriptResult
{
    public List<PSObject> Output { get; init; } = new();
    public List<ErrorRecord> Errors { get; init; } = new();
    public List<string> Warnings { get; init; } = new();
    public List<string> Verbose { get; init; } = new();
    public List<string> Debug { get; init; } = new();
    public List<ProgressRecord> Progress { get; init; } = new();
    public string HostText { get; init; } = "";
    public Exception Terminating { get; init; }

    /// <summary>All text a person or a log could see, exception details included.</summary>
    public string AllText() => string.Join("\n", new[]
    {
        string.Join("\n", Output.Select(o => o?.ToString())),
        string.Join("\n", Output.SelectMany(o => o?.Properties.Select(p => p.Name + "=" + SafeValue(p)) ?? Array.Empty<string>())),
        string.Join("\n", Errors.Select(e => e + "\n" + e.Exception + "\n" + e.ErrorDetails?.Message + "\n" + e.ErrorDetails?.RecommendedAction + "\n" + e.ScriptStackTrace)),
        string.Join("\n", Warnings), string.Join("\n", Verbose), string.Join("\n", Debug),
        string.Join("\n", Progress.Select(p => p.Activity + " " + p.StatusDescription)),
        HostText, Terminating?.ToString() ?? "",
    });

    static string SafeValue(PSPropertyInfo p)
    {
        try { return p.Value?.ToString(); }
        catch (Exception ex) { return ex.Message; }
    }

    /// <summary>The one error of the run: a cmdlet's terminating error ends its statement and lands in the error stream.</summary>
    public ErrorRecord SingleError() =>
        Terminating is IContainsErrorRecord t ? t.ErrorRecord : Xunit.Assert.Single(Errors);

    public void ShouldSucceed()
    {
        if (Terminating != null) throw new Xunit.Sdk.XunitException("Script failed: " + Terminating);
        if (Errors.Count > 0) throw new Xunit.Sdk.XunitException("Script wrote errors: " + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
    }
}
