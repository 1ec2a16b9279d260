using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace AIStudio.Hub.Tests;

/// <summary>Reads an OpenAPI document with Microsoft.OpenApi (the reader ASP.NET Core's own documents are made with) and checks it against the specification's rules.</summary>
public static class OpenApiDocuments
{
    public static void AssertValid(string json)
    {
        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotNull(read.Document);
        var errors = read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet());
        Assert.True(!errors.Any(), string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }
}
