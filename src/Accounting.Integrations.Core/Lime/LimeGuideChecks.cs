using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Accounting.Integrations.Core.Billecta;
using Accounting.Integrations.Core.Errors;
using Accounting.Integrations.Core.Guide;
using Accounting.Integrations.Core.Onboarding;
using Accounting.Integrations.Core.Policies;
using Accounting.Integrations.Core.Security;

namespace Accounting.Integrations.Core.Lime
{
    /// <summary>One field a mapping (the package's config in Lime Admin) names, with the kind of value it needs.</summary>
    public sealed class LimeMappedField
    {
        public string Table { get; set; }
        public string Field { get; set; }
        /// <summary>A Lime type (string, decimal, time, …) or a kind (text, number, date, yesno, option, relation); null = any.</summary>
        public string Type { get; set; }

        /// <summary>Reads "table.field" or "table.field:type".</summary>
        public static LimeMappedField Parse(string text)
        {
            var parts = (text ?? "").Split(new[] { ':' }, 2);
            var target = parts[0].Trim();
            var dot = target.IndexOf('.');
            if (dot <= 0 || dot == target.Length - 1) throw new FormatException($"'{text}' is not table.field or table.field:type.");
            return new LimeMappedField { Table = target.Substring(0, dot), Field = target.Substring(dot + 1), Type = parts.Length > 1 ? parts[1].Trim() : null };
        }

        public override string ToString() => Table + "." + Field + (Type == null ? "" : ":" + Type);
    }

    /// <summary>The steps of guide 000 the older checks left out: the installer, the package, the data model and field mapping, the receiver.</summary>
    public static class LimeGuideChecks
    {
        const string Service = "Lime";

        /// <summary>Its steps of the setup guides (../shared/seeds) in their order, each with the onboarding row that reports it.</summary>
        public static readonly GuideStep[] Steps =
        {
            new GuideStep("000", "Check that the requirements are met", Service, "Connection"),
            new GuideStep("000", "poetry add limepkg-billecta-integration", Service, "Package dependency"),
            new GuideStep("000", "Run the setup/addon installer for the package", Service, "Add-on installer"),
            new GuideStep("000", "Map all required fields in the config", Service, "Data model and field mapping"),
            new GuideStep("000", "Generate an API key for billectawebhook@api", Service, "Webhook user's API key"),
            new GuideStep("000", "Lime listens to webhooks from Billecta (the receiver and its key)", Service, "Billecta webhook receiver"),
            new GuideStep("000", "Policies for the group Billecta webhook", Service, "Policies"),
            new GuideStep("000", "Add more policies for the customer-specific setup", Service, "Policies"),
            new GuideStep("000", "Policies for the group Billecta task", Service, "Policies"),
            new GuideStep("000", "Install and configure Integration monitor", Service, "Integration monitor"),
            new GuideStep("000", "Recommendation: add limepkg-cleanup", Service, "limepkg-cleanup"),
            new GuideStep("issue 20", "Lime webhook subscriptions", Service, "Webhooks"),
        };

        /// <summary>The tables limepkg-billecta-integration works on (seed 000's policy tables).</summary>
        public static readonly string[] PackageTables =
        {
            "integration_monitor", "integration_monitor_batch", "integration_monitor_log", "creditordebtor", "order", "invoice", "coworker",
            "invoicerow", "creditorarticle", "article", "payment", "creditor",
        };

        public const string InstallerStep = "In Lime Admin: Setup (the add-on installer's menu) > limepkg-billecta-integration > run the setup; it creates the groups Billecta webhook and Billecta task and the users billectawebhook@api and limepkg-billecta@lime.tech.";
        public const string PoetryStep = "In the customer solution's repository: poetry add limepkg-billecta-integration, commit pyproject.toml and poetry.lock, and deploy the solution.";

        static readonly Dictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["string"] = "text", ["text"] = "text", ["link"] = "text", ["phone"] = "text",
            ["integer"] = "number", ["decimal"] = "number", ["percent"] = "number",
            ["time"] = "date", ["date"] = "date",
            ["yesno"] = "yesno", ["option"] = "option", ["set"] = "option",
            ["belongsto"] = "relation", ["hasmany"] = "relation", ["hasone"] = "relation", ["hasandbelongstomany"] = "relation",
            ["number"] = "number", ["relation"] = "relation",
        };

        /// <summary>A field's Lime type fits the mapping's: same kind (text, number, date, yesno, option, relation), or the same name.</summary>
        public static bool Compatible(string wanted, string actual) =>
            wanted == null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase)
            || (Kinds.TryGetValue(wanted, out var a) && Kinds.TryGetValue(actual ?? "", out var b) && a == b);

        /// <summary>"Run the setup/addon installer": its users exist in Lime's user list.</summary>
        public static async Task<OnboardingResult> InstallerAsync(LimeClient client, CancellationToken ct)
        {
            const string evidence = "GET admin/users/";
            IReadOnlyList<LimeUser> users;
            try { users = await client.GetUsersAsync(ct).ConfigureAwait(false); }
            catch (ServiceException ex) when (ex.Reason == ErrorReason.Authorization || ex.Reason == ErrorReason.NotFound)
            {
                return GuideRow.Unverified($"Lime's user list is not readable with this key ({ex.Summary}), so the setup's users cannot be looked for.", InstallerStep + " Then check Lime Admin > Users for both users.", evidence + " refused");
            }
            var wanted = new[] { BillectaWebhookSetup.WebhookUser, "limepkg-billecta@lime.tech" };
            var missing = wanted.Where(w => !users.Any(u => string.Equals(u.Username, w, StringComparison.OrdinalIgnoreCase))).ToList();
            var inactive = wanted.Where(w => users.Any(u => string.Equals(u.Username, w, StringComparison.OrdinalIgnoreCase) && !u.Active)).ToList();
            if (missing.Count > 0) return GuideRow.Fail($"The setup's users are missing: {string.Join(", ", missing)}; the add-on installer has not run (or they were removed).", InstallerStep, evidence);
            if (inactive.Count > 0) return GuideRow.Warn($"The setup's users exist but {string.Join(", ", inactive)} is inactive.", "Activate the user in Lime Admin > Users.", evidence);
            return GuideRow.Pass($"The setup's users exist and are active: {string.Join(", ", wanted)} (the add-on installer has run).", evidence);
        }

        /// <summary>
        /// Guide 000's "Map all required fields in the config": every table the package and the policy document name
        /// exists in the data model, and each field the policy or the profile's fieldMap names exists with a compatible
        /// type (observed, GET limetype/?_embed=limetypes.properties). The mapping itself is the package's runtime
        /// configuration, edited in Lime Admin > Settings and kept in the database table sys_data (Lime's platform docs,
        /// "Runtime configuration"; lime.md §6); no public REST route reads it (lime.md §1 lists none) and the package
        /// documents no field-naming convention (lime.md §4: its fields are unpublished). So whether the config maps the
        /// fields is never observed: without a problem the row is Unverified, with the exact step in Lime Admin.
        /// </summary>
        public static async Task<OnboardingResult> DataModelAsync(LimeClient client, PolicyDocument policy, IReadOnlyList<LimeMappedField> mapped, CancellationToken ct)
        {
            const string evidence = "GET limetype/?_embed=limetypes.properties (one call, as the key's user sees the model); the mapping is Lime Admin runtime configuration (table sys_data), which no API reads";
            var model = (await client.GetDataModelAsync(ct).ConfigureAwait(false)).ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
            var tables = PackageTables.Concat(policy?.Policies.Select(p => p.Table) ?? Enumerable.Empty<string>()).Concat(policy?.Tables ?? new List<string>())
                .Concat(mapped?.Select(m => m.Table) ?? Enumerable.Empty<string>()).Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var missingTables = tables.Where(t => !model.ContainsKey(t)).ToList();
            var fields = (policy?.Policies.Where(p => p.IsField).Select(p => new LimeMappedField { Table = p.Table, Field = p.Field }) ?? Enumerable.Empty<LimeMappedField>())
                .Concat(mapped ?? new LimeMappedField[0]).GroupBy(f => f.Table + "." + f.Field, StringComparer.OrdinalIgnoreCase).Select(g => g.FirstOrDefault(f => f.Type != null) ?? g.First()).ToList();
            var problems = new List<string>();
            foreach (var f in fields.Where(f => model.ContainsKey(f.Table)))
            {
                var p = model[f.Table].Property(f.Field);
                if (p == null) problems.Add($"{f.Table}.{f.Field} does not exist (or the key's user may not read it)");
                else if (!Compatible(f.Type, p.Type)) problems.Add($"{f.Table}.{f.Field} is {p.Type}, the mapping needs {f.Type}");
            }
            var seen = $"{tables.Count - missingTables.Count} of {tables.Count} tables found, {fields.Count - problems.Count} of {fields.Count} named fields found with a fitting type";
            var step = MappingStep(tables);
            if (missingTables.Count > 0 || problems.Count > 0)
                return GuideRow.Fail((missingTables.Count > 0 ? "Missing tables: " + string.Join(", ", missingTables) + ". " : "") + (problems.Count > 0 ? string.Join("; ", problems) + ". " : "") + seen + ". A table or field the key's user may not read is absent too.",
                    "Add the tables and fields in LISA (or install the package's database structure with the add-on installer), grant the webhook user R on them; then " + step, evidence);
            var listed = mapped == null || mapped.Count == 0
                ? "The profile lists no mapped fields (fieldMap), so no field the config maps was checked."
                : $"The {mapped.Count} fields the profile's fieldMap lists ({string.Join(", ", mapped)}) exist with a fitting type; that the config maps them is the profile's statement.";
            return GuideRow.Unverified($"Every table exists ({seen}). {listed} The package's field mapping is its runtime configuration in Lime Admin (table sys_data), which no API reads, so which fields it maps was not observed.",
                step, evidence);
        }

        /// <summary>The exact step in Lime Admin for the mapping, naming the tables to go through.</summary>
        static string MappingStep(IEnumerable<string> tables)
        {
            var mappedTables = tables.Where(t => !t.StartsWith("integration_monitor", StringComparison.OrdinalIgnoreCase)).ToList();
            return "In Lime Admin > Settings, open the page of limepkg-billecta-integration (its runtime configuration) and, for each table it lists ("
                + string.Join(", ", mappedTables) + "), choose a Lime field for every field the page marks required and save. "
                + "Then list the chosen fields in the profile's Lime setting fieldMap (table.field:type, e.g. invoice.total:decimal) so onboarding checks each against the data model.";
        }

        /// <summary>
        /// The package's webhook receiver, by its key gate (two GETs, no event). A receiver that gets past the key check
        /// also shows that the package was added (poetry add) and deployed.
        /// </summary>
        public static async Task<OnboardingResult> ReceiverAsync(Uri limeBase, Secret webhookKey, Http.TransportOptions options, CancellationToken ct)
        {
            var receiver = BillectaWebhookSetup.ReceiverFor(limeBase);
            if (webhookKey == null)
                return GuideRow.Unverified($"The profile holds no key of {BillectaWebhookSetup.WebhookUser}, so the receiver {receiver} was not tried.",
                    $"Add the key of {BillectaWebhookSetup.WebhookUser} to the profile's Lime secrets as probeApiKey; Test-BillectaWebhookReceiver checks the same by hand.", "none (no webhook key)");
            var check = await BillectaWebhookReceiverProbe.ProbeAsync(receiver, webhookKey, options, ct).ConfigureAwait(false);
            var evidence = $"GET {receiver} without a key ({check.WithoutKeyStatus}) and with the webhook key ({check.WithKeyStatus}); no event sent";
            return check.Passed
                ? GuideRow.Pass($"The receiver refuses calls without the key and accepts the key of {BillectaWebhookSetup.WebhookUser}, so the package is installed and reachable.", evidence)
                : GuideRow.Fail(check.Detail, check.WithKeyStatus == 404 ? PoetryStep + " Then check the key (Lime Admin > Users > " + BillectaWebhookSetup.WebhookUser + ")." : "See the detail; Test-BillectaWebhookReceiver repeats the check.", evidence);
        }

        public static OnboardingResult PackageDependency(OnboardingResult receiver) =>
            receiver != null && receiver.Status == OnboardingStatus.Pass
                ? GuideRow.Pass("The package's webhook receiver answers (see \"Billecta webhook receiver\"), so limepkg-billecta-integration was added and deployed.", "the receiver's answer with the webhook key")
                : GuideRow.Manual("Whether the solution depends on limepkg-billecta-integration is in its repository, which no API reads (the receiver check did not show it deployed).", PoetryStep);

        public static OnboardingResult Cleanup() => GuideRow.Manual(
            "Recommended, not required: limepkg-cleanup removes old integration_monitor_log objects; whether its scheduled task is set up has no API.",
            "Add limepkg-cleanup to the solution (poetry add limepkg-cleanup), configure its scheduled task for integration_monitor_log, or run Remove-IntegrationMonitorLog on a schedule.");
    }
}
