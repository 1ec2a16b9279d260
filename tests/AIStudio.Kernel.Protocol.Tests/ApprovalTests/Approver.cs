using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AIStudio.Kernel.Protocol.Tests.ApprovalTests;

/// <summary>
/// Compares a received text with Approvals/&lt;name&gt;.approved.json (copied to the output directory). On a difference it
/// writes &lt;name&gt;.received.json next to the approved file in the source tree and fails, saying where they differ.
/// </summary>
internal static class Approver
{
    /// <summary>Serializes with the wire metadata, then indents the result for reading (member order and values unchanged).</summary>
    public static string ToApprovalJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var wire = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        using var document = JsonDocument.Parse(wire);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static void Verify(string name, string received)
    {
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "Approvals", name + ".approved.json");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        received = Normalize(received);

        var sourceApprovals = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!, "Approvals");
        var receivedPath = Path.Combine(sourceApprovals, name + ".received.json");
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        var written = false;
        if (Directory.Exists(sourceApprovals))
        {
            File.WriteAllText(receivedPath, received);
            written = true;
        }

        var hint = approved is null
            ? $"No approved file {name}.approved.json."
            : $"{name} differs from its approved file at {FirstDifference(approved, received)}.";
        var next = written
            ? $" Received text written to {receivedPath}: compare it with the approved file; if it is right, rename it to {name}.approved.json."
            : $" Received text:\n{received}";
        Assert.Fail(hint + next);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < r.Length ? r[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: approved `{left.Trim()}`, received `{right.Trim()}`";
            }
        }

        return "line endings only";
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
