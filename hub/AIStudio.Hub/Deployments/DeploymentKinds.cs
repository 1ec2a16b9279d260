namespace AIStudio.Hub.Deployments;

/// <summary>What a deployment version serves: an ONNX model (ONNX Runtime in the hub) or a C# function (its own sandboxed process).</summary>
public static class DeploymentKinds
{
    public const string Onnx = "onnx";

    public const string Function = "function";

    /// <summary>The version's file under the deployment's folder: <c>v{n}.onnx</c> or <c>v{n}.cs</c>.</summary>
    public static string FileExtension(string kind) => kind == Function ? ".cs" : ".onnx";
}
