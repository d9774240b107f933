using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace Accounting.Integrations.Host;

/// <summary>The PSHost: identity, culture and a console UI. Nested prompts are not supported.</summary>
public sealed class ConsoleHost(bool nonInteractive) : PSHost
{
    readonly ConsoleHostUI _ui = new(nonInteractive);
    public int? ExitCode { get; private set; }

    public override string Name => "Accounting.Integrations.Host";
    public override Version Version => new(0, 1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this host.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this host.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}
