namespace AIStudio.Hub.Organizations;

/// <summary>A member's role in an organization; each maps to scopes (<see cref="Auth.RoleScopes"/>).</summary>
public enum OrganizationRole
{
    Member = 0,
    Student = 1,
    Instructor = 2,
    Admin = 3,
    Owner = 4,
}
