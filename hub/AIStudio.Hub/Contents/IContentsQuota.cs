namespace AIStudio.Hub.Contents;

/// <summary>The limits a contents store checks before it writes (the plan's storage and number of projects).</summary>
public interface IContentsQuota
{
    /// <summary>No limits.</summary>
    static IContentsQuota None { get; } = new Unlimited();

    /// <summary>Throws a 4xx <see cref="Hosting.HubApiException"/> naming the limit when <paramref name="additionalBytes"/> more would exceed it.</summary>
    void EnsureRoom(long additionalBytes);

    /// <summary>Throws a 4xx naming the limit when one more project (top-level directory) than <paramref name="existingProjects"/> is too many.</summary>
    void EnsureNewProject(int existingProjects);

    /// <summary>Called after every write, so cached sizes can be refreshed.</summary>
    void Written();

    private sealed class Unlimited : IContentsQuota
    {
        public void EnsureRoom(long additionalBytes)
        {
        }

        public void EnsureNewProject(int existingProjects)
        {
        }

        public void Written()
        {
        }
    }
}
