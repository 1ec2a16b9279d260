using System.Globalization;
using AIStudio.Hub.Data;
using AIStudio.Hub.Kernels;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Plans;

/// <summary>
/// Books kernels' run time (and GPU time) as <see cref="UsageRecord"/>s: when a kernel stops, and every minute while it
/// runs (<see cref="UsageBooking"/>), so a hub that dies loses at most a minute of metering. Sums usage per user or
/// organization for a month, counting what is not booked yet.
/// </summary>
public sealed partial class UsageMeter(IServiceScopeFactory scopes, TimeProvider time, ILogger<UsageMeter> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Books the kernel's run time since it was last booked.</summary>
    public async Task BookAsync(ManagedKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.Owner == KernelOwner.Nobody)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var seconds = (now - kernel.MeteredUntil).TotalSeconds;
            if (seconds <= 0)
            {
                return;
            }

            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                db.UsageRecords.Add(new UsageRecord
                {
                    UserId = kernel.Owner.UserId,
                    OrganizationId = kernel.Owner.OrganizationId,
                    KernelId = kernel.Id,
                    Month = MonthOf(now),
                    KernelSeconds = seconds,
                    GpuSeconds = kernel.Owner.Gpu ? seconds : 0,
                    RecordedAt = now,
                });
                await db.SaveChangesAsync().ConfigureAwait(false);
            }

            kernel.MeteredUntil = now;
        }
#pragma warning disable CA1031 // metering must never break a kernel's stop; the gap is logged
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBookingFailed(logger, e, kernel.Id);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>This month's kernel and GPU seconds of the records matching the filter, plus the unbooked time of the running kernels given.</summary>
    public async Task<(double KernelSeconds, double GpuSeconds)> MonthTotalsAsync(HubDbContext db, bool byOrganization, string id,
        IEnumerable<ManagedKernel> running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(running);
        var now = time.GetUtcNow();
        var month = MonthOf(now);
        var records = db.UsageRecords.AsNoTracking().Where(r => r.Month == month);
        records = byOrganization ? records.Where(r => r.OrganizationId == id) : records.Where(r => r.UserId == id);
        var sums = await records.GroupBy(_ => 1)
            .Select(g => new { Kernel = g.Sum(r => r.KernelSeconds), Gpu = g.Sum(r => r.GpuSeconds) })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        double kernelSeconds = sums?.Kernel ?? 0, gpuSeconds = sums?.Gpu ?? 0;
        foreach (var kernel in running)
        {
            var live = Math.Max(0, (now - kernel.MeteredUntil).TotalSeconds);
            kernelSeconds += live;
            gpuSeconds += kernel.Owner.Gpu ? live : 0;
        }

        return (kernelSeconds, gpuSeconds);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not book the usage of kernel {KernelId}; it will be booked with its next period.")]
    private static partial void LogBookingFailed(ILogger logger, Exception exception, string kernelId);
}
