using AIStudio.Kernel.Client.Specs;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests.Client;

public sealed class KernelSpecTests
{
    private const string Json = """
        {
          "argv": ["dotnet", "{resource_dir}/aistudio-kernel.dll", "--connection-file", "{connection_file}"],
          "display_name": "C# (AI Studio)",
          "language": "csharp",
          "interrupt_mode": "message",
          "env": { "DOTNET_NOLOGO": "1" },
          "metadata": { "debugger": false }
        }
        """;

    [Fact]
    public void Parse_reads_every_field_of_kernel_json()
    {
        var spec = KernelSpec.Parse(Json, "aistudio", "/opt/k");

        Assert.Equal(4, spec.Argv.Count);
        Assert.Equal("C# (AI Studio)", spec.DisplayName);
        Assert.Equal("csharp", spec.Language);
        Assert.Equal(KernelSpec.InterruptModeMessage, spec.InterruptMode);
        Assert.Equal("1", spec.Env["DOTNET_NOLOGO"]);
        Assert.False(spec.Metadata!.Value.GetProperty("debugger").GetBoolean());
        Assert.Equal("aistudio", spec.Name);
    }

    [Fact]
    public void FormatArgv_fills_in_the_connection_file_and_resource_dir()
    {
        var spec = KernelSpec.Parse(Json, "aistudio", "/opt/k");

        Assert.Equal(["dotnet", "/opt/k/aistudio-kernel.dll", "--connection-file", "/run/k.json"], spec.FormatArgv("/run/k.json"));
    }

    [Fact]
    public void Interrupt_mode_defaults_to_signal()
    {
        var spec = KernelSpec.Parse("""{ "argv": ["k", "{connection_file}"] }""");

        Assert.Equal(KernelSpec.InterruptModeSignal, spec.InterruptMode);
        Assert.Empty(spec.Env);
    }

    [Theory]
    [InlineData("""{ "argv": [] }""")]
    [InlineData("""{ "display_name": "no argv" }""")]
    [InlineData("""{ "argv": ["k"], "interrupt_mode": "telepathy" }""")]
    [InlineData("not json")]
    public void Parse_rejects_what_is_not_a_kernelspec(string json) =>
        Assert.Throws<FormatException>(() => KernelSpec.Parse(json));

    [Fact]
    public async Task ReadAsync_takes_the_name_and_resource_dir_from_the_directory_and_round_trips()
    {
        using var directory = new TempDirectory();
        var specDirectory = Directory.CreateDirectory(directory.Combine("kernels", "aistudio-csharp")).FullName;
        await File.WriteAllTextAsync(Path.Combine(specDirectory, KernelSpec.FileName), Json);

        var spec = await KernelSpec.ReadAsync(specDirectory);

        Assert.Equal("aistudio-csharp", spec.Name);
        Assert.Equal(specDirectory, spec.ResourceDirectory);
        var again = KernelSpec.Parse(spec.ToJson());
        Assert.Equal(spec.Argv, again.Argv);
        Assert.Equal(spec.InterruptMode, again.InterruptMode);
    }
}
