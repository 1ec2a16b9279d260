using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Tests;

internal static class SubscriptionExtensions
{
    /// <summary>Takes every message received so far, without waiting.</summary>
    public static List<JupyterMessage> ReadAllSoFar(this MessageSubscription subscription)
    {
        var messages = new List<JupyterMessage>();
        while (subscription.TryRead(out var message))
        {
            messages.Add(message!);
        }

        return messages;
    }
}
