namespace AIStudio.Hub.Tests;

/// <summary>A user made by a test, with an API token of theirs and a client that sends it.</summary>
public sealed record TestUser(string Name, string Token, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
