using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// The Agents extension, preloaded by aistudio-kernel: its API is imported in every cell, a notebook plugin with
/// <c>[KernelFunction]</c> methods compiles (Semantic Kernel's abstractions are referenced), and an agent in a kernel no
/// hub started says how to give it a model endpoint. (Agents against a scripted OpenAI-compatible endpoint are tested in
/// the extension's own tests.)
/// </summary>
public sealed class AgentsInKernelTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task The_agents_API_and_notebook_plugins_compile_in_a_cell()
    {
        var result = await fixture.Connection.RunOkAsync("""
            public sealed class Weather
            {
                [Microsoft.SemanticKernel.KernelFunction, System.ComponentModel.Description("Today's temperature")]
                public int Temperature() => 21;
            }
            typeof(Agents).FullName + " " + typeof(ModelEndpoint).Name + " " + new Weather().Temperature()
            """);

        Assert.Equal("AIStudio.Extensions.Agents.Agents ModelEndpoint 21", result.ResultText);
    }

    public void Dispose() => _log.Dispose();
}
