using System.Collections.Generic;

namespace Accounting.Integrations.Core.Guide
{
    /// <summary>One step of a setup guide (../shared/seeds) and the onboarding row that reports it.</summary>
    public sealed class GuideStep
    {
        public GuideStep(string seed, string step, string service, string check)
        {
            Seed = seed;
            Step = step;
            Service = service;
            Check = check;
        }

        /// <summary>000 Billecta + Lime, 001 Tripletex + Mystore, 002 Billbee + Xentral, 003 iFirma; "issue 20" for the steps the issue adds.</summary>
        public string Seed { get; }
        public string Step { get; }
        public string Service { get; }
        public string Check { get; }

        public override string ToString() => $"{Seed} {Step} -> {Service}: {Check}";
    }

    /// <summary>Every step of the four guides, in their order, with the row of Invoke-IntegrationOnboarding that answers it.</summary>
    public static class GuideSteps
    {
        public static readonly IReadOnlyList<GuideStep> All = new[]
        {
            new GuideStep("000", "Check that the requirements are met", "Lime", "Connection"),
            new GuideStep("000", "Preparations in Billecta", "Billecta", "Connection and credentials"),
            new GuideStep("000", "Preparations in Billecta: webhooks to Lime (portal)", "Billecta", "Webhooks (portal)"),
            new GuideStep("000", "poetry add limepkg-billecta-integration", "Lime", "Package dependency"),
            new GuideStep("000", "Run the setup/addon installer for the package", "Lime", "Add-on installer"),
            new GuideStep("000", "Map all required fields in the config", "Lime", "Data model and field mapping"),
            new GuideStep("000", "Generate an API key for billectawebhook@api", "Lime", "Webhook user's API key"),
            new GuideStep("000", "Lime listens to webhooks from Billecta (the receiver and its key)", "Lime", "Billecta webhook receiver"),
            new GuideStep("000", "Policies for the group Billecta webhook", "Lime", "Policies"),
            new GuideStep("000", "Add more policies for the customer-specific setup", "Lime", "Policies"),
            new GuideStep("000", "Policies for the group Billecta task", "Lime", "Policies"),
            new GuideStep("000", "Application configuration: billecta.api.base_url", "Billecta", "Application config: base_url"),
            new GuideStep("000", "Application configuration: secrets billecta.api.authentication", "Billecta", "Application config: authentication"),
            new GuideStep("000", "Install and configure Integration monitor", "Lime", "Integration monitor"),
            new GuideStep("000", "Recommendation: add limepkg-cleanup", "Lime", "limepkg-cleanup"),
            new GuideStep("issue 20", "Lime webhook subscriptions", "Lime", "Webhooks"),
            new GuideStep("001", "Bestill tilleggstjenesten \"Integrasjoner\" (Smart og oppover)", "Tripletex", "Integrasjoner add-on"),
            new GuideStep("001", "Opprett brukernøkkel (employee token)", "Tripletex", "Session"),
            new GuideStep("001", "Tilpasset oppsett: the key's access", "Tripletex", "Access"),
            new GuideStep("001", "Oppsett i Mystore: Installasjonsveileder", "Tripletex", "Mystore installation wizard"),
            new GuideStep("001", "Unngå konflikt med kundenummer (100000)", "Tripletex", "Number series"),
            new GuideStep("001", "Unngå konflikt med fakturanummer (50000; shop from 6000)", "Tripletex", "Number series"),
            new GuideStep("issue 20", "An accountant's client companies, checked per company", "Tripletex", "Client companies"),
            new GuideStep("issue 20", "Tripletex webhook subscriptions", "Tripletex", "Webhooks"),
            new GuideStep("002", "Installation in Xentral: Benutzername und API-Passwort", "Billbee", "Connection and credentials"),
            new GuideStep("002", "Der Account muss in Billbee ein Administrator sein", "Billbee", "Administrator account"),
            new GuideStep("002", "Verbindungsdaten prüfen", "Billbee", "Connection and credentials"),
            new GuideStep("002", "Billbee-IDs der Statusmeldungen ermitteln", "Billbee", "Order states"),
            new GuideStep("002", "IDs in die Shopeinstellungen eintragen (Einstellungen des Importers)", "Billbee", "Xentral importer settings"),
            new GuideStep("issue 20", "Billbee webhook subscriptions", "Billbee", "Webhooks"),
            new GuideStep("issue 20", "Billbee API usage (past 100 000 a month billed)", "Billbee", "API usage"),
            new GuideStep("003", "Dostęp podstawowy: klucz faktura", "IFirma", "Key: faktura"),
            new GuideStep("003", "Dostęp podstawowy: klucz rachunek", "IFirma", "Key: rachunek"),
            new GuideStep("003", "Dostęp podstawowy: klucz abonent", "IFirma", "Key: abonent"),
            new GuideStep("003", "Dostęp podstawowy: klucz wydatek", "IFirma", "Key: wydatek"),
            new GuideStep("003", "Dostęp rozszerzony (limit)", "IFirma", "API limit"),
            new GuideStep("003", "Zwiększenie limitu API", "IFirma", "API limit"),
            new GuideStep("003", "Ponowne wygenerowanie kluczy", "IFirma", "Key: faktura"),
            new GuideStep("issue 20", "iFirma's daily and per-minute throttles", "IFirma", "Request throttles"),
        };
    }
}
