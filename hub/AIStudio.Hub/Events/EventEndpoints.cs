using System.Net.WebSockets;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Events;

/// <summary>
/// <c>/api/events/subscribe</c>: JupyterLab's event bus opens this WebSocket at start. The hub emits no server events yet,
/// so the socket stays open and silent until the client closes it or the hub stops.
/// </summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.Map("/api/events/subscribe", async (HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await ApiError.BadRequest("This route takes a WebSocket upgrade.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, done.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        });
        return routes;
    }
}
