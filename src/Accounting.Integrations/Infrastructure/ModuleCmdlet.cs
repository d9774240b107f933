using System;
using System.Management.Automation;
using System.Reflection;

namespace Accounting.Integrations.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet of the module. It exists for one trap: in a compiled cmdlet, -Debug makes PowerShell
    /// (7.6.9 included) treat the Verbose and Warning streams as Inquire unless -Verbose / -WarningAction are given
    /// too, so the first WriteVerbose or WriteWarning after -Debug prompts, and under -NonInteractive fails the call.
    /// Script functions do not have it; PowerShell's own -Debug now means Continue. Before any output, this gives the
    /// cmdlet the preferences a script function would have: -Verbose / -WarningAction when given, else the caller's
    /// $VerbosePreference / $WarningPreference.
    /// </summary>
    public abstract class ModuleCmdlet : PSCmdlet
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

        protected override void BeginProcessing()
        {
            DefuseDebugInquire();
            base.BeginProcessing();
        }

        /// <summary>True when -Debug was given and the runtime would otherwise turn Verbose or Warning into Inquire.</summary>
        internal bool DebugSwitchGiven =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out var d) && d is SwitchParameter s && s.IsPresent;

        void DefuseDebugInquire()
        {
            if (!DebugSwitchGiven) return;
            var runtime = CommandRuntime;
            var type = runtime?.GetType();
            if (type == null) return;
            try
            {
                if (!MyInvocation.BoundParameters.ContainsKey("Verbose"))
                {
                    var wanted = GetVariableValue("VerbosePreference") is ActionPreference v && v != ActionPreference.SilentlyContinue && v != ActionPreference.Ignore;
                    type.GetProperty("Verbose", Internal)?.SetValue(runtime, wanted); // as if -Verbose:$wanted were given
                }
                if (!MyInvocation.BoundParameters.ContainsKey("WarningAction"))
                {
                    var warning = GetVariableValue("WarningPreference") is ActionPreference w ? w : ActionPreference.Continue;
                    type.GetProperty("WarningPreference", Internal)?.SetValue(runtime, warning); // as if -WarningAction $warning were given
                }
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is ArgumentException || ex is MethodAccessException)
            {
                // A PowerShell without these internals: the cmdlet still runs, with PowerShell's own -Debug behaviour.
            }
        }
    }
}
