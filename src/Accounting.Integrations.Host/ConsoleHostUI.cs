using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Accounting.Integrations.Host;

/// <summary>Writes every stream to the console; prompts only when interactive (never under -NonInteractive).</summary>
public sealed class ConsoleHostUI(bool nonInteractive) : PSHostUserInterface
{
    readonly ConsoleRawUI _raw = new();
    public override PSHostRawUserInterface RawUI => _raw;
    // Escape sequences only on a real terminal: redirected output (CI logs, files) stays plain.
    public override bool SupportsVirtualTerminal => !Console.IsOutputRedirected;

    static readonly System.Text.RegularExpressions.Regex Escapes = new(@"\x1b\[[0-9;?]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);
    string Plain(string value) => SupportsVirtualTerminal || value == null ? value! : Escapes.Replace(value, "");

    public override void Write(string value) => Console.Out.Write(Plain(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Out.Write(Plain(value));
    public override void WriteLine(string value) => Console.Out.WriteLine(Plain(value));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(Plain(value));
    public override void WriteDebugLine(string message) => Console.Out.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => Console.Out.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Console.Out.WriteLine("WARNING: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { } // a redirected console cannot redraw a bar

    public override string ReadLine()
    {
        Refuse("read input");
        return Console.ReadLine() ?? "";
    }

    public override SecureString ReadLineAsSecureString()
    {
        Refuse("read a secret");
        var s = new SecureString();
        foreach (var c in Console.ReadLine() ?? "") s.AppendChar(c);
        return s;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        Refuse("prompt for " + string.Join(", ", descriptions.Select(d => d.Name)));
        var result = new Dictionary<string, PSObject>();
        foreach (var d in descriptions)
        {
            Console.Out.Write($"{d.Name}: ");
            result[d.Name] = PSObject.AsPSObject(Console.ReadLine() ?? "");
        }
        return result;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Refuse("ask: " + message);
        Console.Out.WriteLine(caption);
        Console.Out.WriteLine(message);
        for (var i = 0; i < choices.Count; i++) Console.Out.WriteLine($"[{i}] {choices[i].Label.Replace("&", "")}");
        return int.TryParse(Console.ReadLine(), out var pick) && pick >= 0 && pick < choices.Count ? pick : defaultChoice;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        Refuse("prompt for a credential");
        Console.Out.Write("User: ");
        var user = string.IsNullOrEmpty(userName) ? Console.ReadLine() ?? "" : userName;
        return new PSCredential(user, ReadLineAsSecureString());
    }

    void Refuse(string what)
    {
        if (nonInteractive) throw new PSInvalidOperationException($"The host is non-interactive and cannot {what}. Pass the value as a parameter.");
    }
}
