namespace Accounting.Integrations.Sandbox.Frame;

/// <summary>One emulated service: its route prefix and its routes. Adding a service is one class and one registration line.</summary>
public interface ISandboxService
{
    /// <summary>Lower-case name, also the first path segment (e.g. "billbee" serves /billbee/...).</summary>
    string Name { get; }
    /// <summary>The base URL a client is configured with, relative to the sandbox root (e.g. "billbee/api/v1/").</summary>
    string BasePath { get; }
    void Map(WebApplication app);
}
