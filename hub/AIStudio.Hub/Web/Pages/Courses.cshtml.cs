using AIStudio.Hub.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The course catalog's place in the hub (the courses feature fills it).</summary>
[AllowAnonymous]
public sealed class CoursesModel(CallerResolver callers) : SignedInPageModel(callers)
{
    public Task<IActionResult> OnGetAsync() => WithCallerAsync(_ => Task.FromResult<IActionResult>(Page()));
}
