using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace Accounting.Integrations.Module.Tests.Hosting;

/// <summary>
/// A host that records everything written to it: -WhatIf text and Out-Default rendering go to the host
/// only, so this is how tests see what a person would see. It never prompts (non-interactive).
/// </summary>
public sealed class CapturingHost : PSHost
{
    readonly CapturingUI _ui = new();
    public override string Name => "CapturingHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    public string TakeText() => _ui.Take();

    sealed class CapturingUI : PSHostUserInterface
    {
        readonly StringBuilder _text = new();
        readonly RawUI _raw = new();
        public override PSHostRawUserInterface RawUI => _raw;
        public override bool SupportsVirtualTerminal => false;

        public string Take()
        {
            lock (_text)
            {
                var s = _text.ToString();
                _text.Clear();
                return s;
            }
        }

        // The engine colours table headers whatever the host says; a person reading a log sees the text.
        static readonly System.Text.RegularExpressions.Regex Escapes = new(@"\x1b\[[0-9;?]*[A-Za-z]");
        void Add(string s) { lock (_text) _text.Append(Escapes.Replace(s ?? "", "")); }
        public override void Write(string value) => Add(value);
        public override void Write(ConsoleColor f, ConsoleColor b, string value) => Add(value);
        public override void WriteLine(string value) => Add(value + "\n");
        public override void WriteErrorLine(string value) => Add("ERROR: " + value + "\n");
        public override void WriteDebugLine(string message) => Add("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Add("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Add("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override string ReadLine() => throw new InvalidOperationException("A test host never reads input.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("A test host never reads input.");
        public override Dictionary<string, PSObject> Prompt(string c, string m, Collection<FieldDescription> d) => throw new InvalidOperationException("A test host never prompts: " + m);
        public override int PromptForChoice(string c, string m, Collection<ChoiceDescription> ch, int d) => throw new InvalidOperationException("A test host never prompts: " + m);
        public override PSCredential PromptForCredential(string c, string m, string u, string t) => throw new InvalidOperationException("A test host never prompts.");
        public override PSCredential PromptForCredential(string c, string m, string u, string t, PSCredentialTypes a, PSCredentialUIOptions o) => throw new InvalidOperationException("A test host never prompts.");
    }

    sealed class RawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }
        public override ConsoleColor ForegroundColor { get; set; }
        public override Size BufferSize { get => new(200, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(200, 100);
        public override Size MaxWindowSize => new(200, 100);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new(200, 100); set { } }
        public override string WindowTitle { get; set; } = "";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle r) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle s, Coordinates d, Rectangle c, BufferCell f) { }
        public override void SetBufferContents(Coordinates o, BufferCell[,] c) { }
        public override void SetBufferContents(Rectangle r, BufferCell f) { }
    }
}
