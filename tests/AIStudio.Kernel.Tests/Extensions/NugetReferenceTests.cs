using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// <c>#r "nuget:"</c> in a kernel that also preloads the extensions (Plotly.NET's FSharp.Core is newer than the one .NET
/// Interactive's package manager asks for): the package restores from the feed and its API works in the next cell.
/// </summary>
public sealed class NugetReferenceTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task A_nuget_package_referenced_in_a_cell_is_usable_in_the_next()
    {
        await fixture.Connection.RunOkAsync("#r \"nuget: Humanizer.Core, 3.0.10\"");
        var result = await fixture.Connection.RunOkAsync("using Humanizer;\n\"kernel_starts_fast\".Humanize(LetterCasing.Title)");

        Assert.Equal("Kernel Starts Fast", result.ResultText);
    }

    public void Dispose() => _log.Dispose();
}
