using System.Net;
using System.Net.Sockets;

namespace PublicWorkflow.OneStop.Tests.Support;

/// <summary>A loopback port nobody listens on right now, for a server a test starts (SMTP, an identity provider).</summary>
public static class TestPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
