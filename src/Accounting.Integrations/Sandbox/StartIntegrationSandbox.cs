using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using Accounting.Integrations.Core.Sandbox;
using Accounting.Integrations.Infrastructure;

namespace Accounting.Integrations.Sandbox
{
    /// <summary>
    /// Start-IntegrationSandbox: runs the module's sandbox (its sandbox/ folder) as a child process on 127.0.0.1
    /// and returns its URLs and demo accounts. The sandbox ends with this process, or with Stop-IntegrationSandbox.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "IntegrationSandbox", SupportsShouldProcess = true)]
    [OutputType(typeof(IntegrationSandbox))]
    public sealed class StartIntegrationSandbox : ModuleCmdlet
    {
        readonly CancellationTokenSource _stop = new CancellationTokenSource();

        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        public int Seed { get; set; } = 42;

        [Parameter]
        [ValidateSet("onboarding-faults")]
        public string Scenario { get; set; }

        [Parameter]
        public SwitchParameter TripletexCleanNumbers { get; set; }

        [Parameter]
        public SwitchParameter NoThrottle { get; set; }

        [Parameter]
        [ValidateRange(0, 60000)]
        public int LatencyMs { get; set; }

        /// <summary>A fleet: this many independent customer accounts per service, returned in the result's Customers.</summary>
        [Parameter]
        [ValidateRange(0, 9999)]
        public int Customers { get; set; }

        /// <summary>Every this-many-th fleet customer has one seeded fault (default 10; 0: none).</summary>
        [Parameter]
        [ValidateRange(0, 9999)]
        public int CustomerFaultEvery { get; set; } = 10;

        /// <summary>Any other sandbox option, e.g. '--faults', '429:0.05'.</summary>
        [Parameter]
        public string[] ArgumentList { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 60;

        protected override void ProcessRecord()
        {
            var moduleFolder = Path.GetDirectoryName(typeof(StartIntegrationSandbox).Assembly.Location) ?? ".";
            var assembly = Path.Combine(moduleFolder, "sandbox", "Accounting.Integrations.Sandbox.dll");
            if (!File.Exists(assembly))
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"The sandbox is not in this module folder ({assembly}). Build the repository with `dotnet build Accounting.Integrations.sln`, which puts it there."),
                    ErrorIds.SandboxNotFound, ErrorCategory.ObjectNotFound, assembly));

            var args = new List<string> { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (Scenario != null) args.AddRange(new[] { "--scenario", Scenario });
            if (TripletexCleanNumbers) args.Add("--tripletex-clean-numbers");
            if (NoThrottle) args.Add("--no-throttle");
            if (LatencyMs > 0) args.AddRange(new[] { "--latency", LatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (Customers > 0) args.AddRange(new[] { "--customers", Customers.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (MyInvocation.BoundParameters.ContainsKey(nameof(CustomerFaultEvery))) args.AddRange(new[] { "--customer-fault-every", CustomerFaultEvery.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (ArgumentList != null) args.AddRange(ArgumentList);
            if (!ShouldProcess($"127.0.0.1:{(Port == 0 ? "a free port" : Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}", "Start the sandbox")) return;

            var dotnet = SandboxProcess.FindDotnet();
            WriteVerbose($"{dotnet} {assembly} {string.Join(" ", args)}");
            SandboxProcess process;
            try
            {
                process = SandboxProcess.Start(dotnet, assembly, args, TimeSpan.FromSeconds(TimeoutSec), _stop.Token);
            }
            catch (OperationCanceledException) { throw new PipelineStoppedException(); }
            catch (Exception ex) when (ex is InvalidOperationException || ex is TimeoutException || ex is System.ComponentModel.Win32Exception || ex is System.Net.Http.HttpRequestException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.SandboxFailed, ErrorCategory.OpenError, assembly)
                {
                    ErrorDetails = new ErrorDetails("The sandbox did not start: " + ex.Message) { RecommendedAction = "Check that the .NET 10 runtime with ASP.NET Core is installed (`dotnet --list-runtimes`) and that the options are right (ArgumentList)." },
                });
                return;
            }
            StartedSandboxes.ById[process.ProcessId] = process;
            WriteObject(IntegrationSandbox.From(process.BaseUri.AbsoluteUri, process.ProcessId, process.Accounts, process.Customers));
        }

        protected override void StopProcessing() => _stop.Cancel();
    }
}
