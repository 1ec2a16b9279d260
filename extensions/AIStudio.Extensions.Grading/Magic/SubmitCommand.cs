using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Grading.Magic;

/// <summary><c>#!submit [--notebook PATH] [--course SLUG] [--assignment ID] [--wait SECONDS]</c>.</summary>
public sealed class SubmitCommand : KernelDirectiveCommand
{
    /// <summary>The assignment notebook; by default the kernel's session notebook or the only one in the working directory.</summary>
    public string? Notebook { get; set; }

    /// <summary>The course; by default the one the hub wrote into the notebook.</summary>
    public string? Course { get; set; }

    /// <summary>The assignment; by default the one the hub wrote into the notebook.</summary>
    public string? Assignment { get; set; }

    /// <summary>How long to wait for the grade (default 60 s; 0 to return at once).</summary>
    public int? Wait { get; set; }
}
