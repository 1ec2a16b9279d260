using AIStudio.Hub.Kernels;

namespace AIStudio.Hub.Plans;

/// <summary>Books the run time of every running kernel once a minute.</summary>
public sealed class UsageBooking(KernelRegistry kernels, UsageMeter meter, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var kernel in kernels.All)
                {
                    await meter.BookAsync(kernel).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
