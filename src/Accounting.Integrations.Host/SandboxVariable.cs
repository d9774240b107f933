using System.Collections;
using System.Management.Automation;
using System.Security;
using Accounting.Integrations.Sandbox;

namespace Accounting.Integrations.Host;

/// <summary>
/// $Sandbox in a script run with --sandbox: the sandbox's URLs and its demo accounts, secrets as
/// SecureString so that scripts handle them as they would real ones.
/// </summary>
public static class SandboxVariable
{
    public static Hashtable For(SandboxServer server) => new()
    {
        ["Url"] = server.BaseUri.AbsoluteUri,
        ["Billbee"] = new Hashtable
        {
            ["BaseUrl"] = server.ServiceUri("billbee").AbsoluteUri,
            ["Credential"] = new PSCredential(server.Billbee.Admin.Username, Secure(server.Billbee.Admin.ApiPassword)),
            ["ApiKey"] = Secure(server.Billbee.ApiKey),
        },
        ["Tripletex"] = new Hashtable
        {
            ["BaseUrl"] = server.ServiceUri("tripletex").AbsoluteUri,
            ["ConsumerToken"] = Secure(server.Tripletex.ConsumerToken),
            ["EmployeeToken"] = Secure(server.Tripletex.AdminEmployeeToken),
            // The employee whose rights an integration's policy document pins down (a user with read access only).
            ["IntegrationEmployeeId"] = server.Tripletex.Data.Limited.Id,
            ["IntegrationEmployeeName"] = server.Tripletex.Data.Limited.FirstName + " " + server.Tripletex.Data.Limited.LastName,
        },
        ["Billecta"] = new Hashtable
        {
            ["ProductionUrl"] = new Uri(server.BaseUri, server.Billecta.BasePath).AbsoluteUri,
            ["TestUrl"] = new Uri(server.BaseUri, server.Billecta.TestBasePath).AbsoluteUri,
            ["Credential"] = new PSCredential(server.Billecta.Production.Username, Secure(server.Billecta.Production.Password)),
        },
        ["Lime"] = new Hashtable
        {
            ["BaseUrl"] = server.ServiceUri("lime").AbsoluteUri,
            ["ApiKey"] = Secure(server.Lime.ApiKey),
            ["WebhookUser"] = "billectawebhook@api",
            ["WebhookApiKey"] = Secure(server.Lime.WebhookApiKey),
            ["Application"] = "fjordvik",
        },
        ["IFirma"] = new Hashtable
        {
            ["BaseUrl"] = server.ServiceUri("ifirma").AbsoluteUri,
            ["Login"] = server.IFirma.Login,
            ["InvoiceKey"] = Secure(server.IFirma.Keys["faktura"]),
            ["BillKey"] = Secure(server.IFirma.Keys["rachunek"]),
            ["SubscriberKey"] = Secure(server.IFirma.Keys["abonent"]),
            ["ExpenseKey"] = Secure(server.IFirma.Keys["wydatek"]),
        },
    };

    static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (var c in value) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}
