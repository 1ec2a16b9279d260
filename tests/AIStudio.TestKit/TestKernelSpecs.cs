using AIStudio.Kernel.Client.Specs;

namespace AIStudio.TestKit;

/// <summary>Kernelspecs of the kernels tests start.</summary>
public static class TestKernelSpecs
{
    /// <summary>Debian's Python: the one that sees Debian's Jupyter packages (the first python3 on PATH may not).</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>
    /// The kernel built in this repository, run with the same dotnet host as the tests. Each start gets a history
    /// file of its own, so tests never see the history of other runs (or of the developer's own notebooks).
    /// </summary>
    public static KernelSpec AIStudio() => new()
    {
        Argv =
        [
            RepositoryLayout.DotnetHost, RepositoryLayout.KernelAssembly, "--connection-file", "{connection_file}",
            "--history-file", Path.Combine(Path.GetTempPath(), "aistudio-tests", $"history-{Guid.NewGuid():N}.jsonl"),
        ],
        DisplayName = "C# (AI Studio, test build)",
        Language = "csharp",
        InterruptMode = KernelSpec.InterruptModeMessage,
        Name = "aistudio-csharp-test",
    };

    /// <summary>Debian's ipykernel: a reference kernel to check the client against.</summary>
    public static KernelSpec IPyKernel() => new()
    {
        Argv = [DebianPython, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        DisplayName = "Python 3 (ipykernel)",
        Language = "python",
        InterruptMode = KernelSpec.InterruptModeSignal,
        Name = "python3",
    };

    /// <summary>True when Debian's Python can import ipykernel (python3-ipykernel is installed).</summary>
    public static bool IPyKernelInstalled =>
        File.Exists(DebianPython) && Directory.Exists("/usr/lib/python3/dist-packages/ipykernel");
}
