using System.Net;
using System.Net.Sockets;

namespace Accounting.Integrations.Module.Tests.Hosting;

public static class Loopback
{
    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
