namespace AIStudio.E2E.Tests;

/// <summary>The browser tests share one hub process and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
