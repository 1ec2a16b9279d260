namespace AIStudio.Hub.Web;

/// <summary>Where a page may send the browser after signing in: only a path of this hub (no open redirect).</summary>
public static class HubRedirects
{
    public const string Home = "/hub/home";

    /// <summary><paramref name="next"/> when it is a local path (one leading slash), else the dashboard.</summary>
    public static string Target(string? next) =>
        next is { Length: > 0 } && next[0] == '/' && (next.Length == 1 || (next[1] != '/' && next[1] != '\\')) ? next : Home;

    /// <summary>The sign-in page, coming back to <paramref name="here"/> afterwards.</summary>
    public static string SignIn(HttpRequest here)
    {
        ArgumentNullException.ThrowIfNull(here);
        return "/hub/login?next=" + Uri.EscapeDataString(here.Path + here.QueryString);
    }
}
