namespace AIStudio.TestKit;

/// <summary>A fact that needs Debian's ipykernel (apt package python3-ipykernel); skipped, saying so, where it is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IPyKernelFactAttribute : FactAttribute
{
    public IPyKernelFactAttribute()
    {
        if (!TestKernelSpecs.IPyKernelInstalled)
        {
            Skip = "Debian's ipykernel is not installed (apt-get install python3-ipykernel).";
        }
    }
}
