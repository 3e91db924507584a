using System.Net;
using System.Net.Sockets;

namespace Swarms.Testing;

/// <summary>Free TCP ports on the loopback interface, so parallel test runs never collide on a fixed port.</summary>
public static class FreePort
{
    /// <summary>A port nobody listens on now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts connections on the port.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
