namespace AIStudio.Extensions.Agents.Workflows;

/// <summary>How the agents of a workflow work together.</summary>
public enum WorkflowKind
{
    /// <summary>One after another on the growing conversation.</summary>
    Sequential,

    /// <summary>All at once on the same task.</summary>
    Concurrent,

    /// <summary>The first agent routes the task to specialists by handing it off.</summary>
    Handoff,

    /// <summary>In turn (round robin) on a shared conversation, up to a maximum number of turns.</summary>
    GroupChat,
}
