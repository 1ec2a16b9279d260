using System.Reflection;
using System.Runtime.InteropServices;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Handlers;

/// <summary>The kernel_info_reply: static facts, answered without touching the C# engine (so it is instant at start-up).</summary>
internal static class KernelInfoFactory
{
    public const string LanguageVersion = "14.0";

    public static string Version { get; } =
        typeof(KernelInfoFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(KernelInfoFactory).Assembly.GetName().Version?.ToString(3)
        ?? "1.0.0";

    public static KernelInfoReply Create() => new()
    {
        Implementation = "aistudio-kernel",
        ImplementationVersion = Version,
        LanguageInfo = new LanguageInfo
        {
            Name = "csharp",
            Version = LanguageVersion,
            MimeType = "text/x-csharp",
            FileExtension = ".cs",
            PygmentsLexer = "csharp",
            CodeMirrorMode = System.Text.Json.JsonSerializer.SerializeToElement("text/x-csharp", ProtocolJson.Default.String),
            NbconvertExporter = "script",
        },
        Banner = $"AI Studio C# kernel {Version} — C# {LanguageVersion} on {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.OSDescription}).\n"
            + "Run C# cells; #r \"nuget: Package, Version\" adds packages; display(x) shows values; Tab completes, Shift+Tab shows docs.",
        HelpLinks =
        [
            new HelpLink { Text = "C# documentation", Url = "https://learn.microsoft.com/dotnet/csharp/" },
            new HelpLink { Text = ".NET API browser", Url = "https://learn.microsoft.com/dotnet/api/" },
        ],
        SupportedFeatures = [],
        Debugger = false,
    };
}
