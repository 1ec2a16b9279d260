using System.Globalization;
using System.Net;
using System.Text;

namespace AIStudio.Extensions.Training.Torch;

/// <summary>What <c>#!device</c> shows: the device training will use and what was found.</summary>
public sealed record DeviceInfo(
    string Device,
    bool CudaAvailable,
    int CudaDevices,
    string TorchSharpVersion,
    string LibTorchVersion,
    string? LibTorchDirectory,
    int CpuThreads)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"device: {Device}\n");
        text.Append(CultureInfo.InvariantCulture, $"CUDA: {(CudaAvailable ? $"available, {CudaDevices} GPU(s)" : "not available (training runs on the CPU)")}\n");
        text.Append(CultureInfo.InvariantCulture, $"CPU threads: {CpuThreads}\n");
        text.Append(CultureInfo.InvariantCulture, $"TorchSharp {TorchSharpVersion}, libtorch {LibTorchVersion}");
        if (LibTorchDirectory is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" from {LibTorchDirectory}");
        }

        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"aistudio-device\">");
        Row("device", $"<strong>{WebUtility.HtmlEncode(Device)}</strong>");
        Row("CUDA", CudaAvailable ? $"available, {CudaDevices} GPU(s)" : "not available (training runs on the CPU)");
        Row("CPU threads", CpuThreads.ToString(CultureInfo.InvariantCulture));
        Row("TorchSharp", WebUtility.HtmlEncode(TorchSharpVersion));
        Row("libtorch", WebUtility.HtmlEncode(LibTorchVersion + (LibTorchDirectory is null ? "" : $" ({LibTorchDirectory})")));
        html.Append("</table>");
        return html.ToString();

        void Row(string name, string value) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align: left; padding-right: 1em\">{name}</th><td style=\"text-align: left\">{value}</td></tr>");
    }

    public override string ToString() => ToText();
}
