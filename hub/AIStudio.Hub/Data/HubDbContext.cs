using AIStudio.Hub.Accounts;
using AIStudio.Hub.Agents;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Certificates;
using AIStudio.Hub.Courses;
using AIStudio.Hub.Deployments;
using AIStudio.Hub.ModelEndpoints;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Secrets;
using AIStudio.Hub.Tokens;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Data;

/// <summary>
/// The hub's database: Identity's tables and the hub's own. One model, two providers: each provider has its own subclass
/// (<see cref="SqliteHubDbContext"/>, <see cref="PostgresHubDbContext"/>) so that each keeps its own migrations.
/// </summary>
public abstract class HubDbContext(DbContextOptions options) : IdentityDbContext<HubUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UsageRecord> UsageRecords => Set<UsageRecord>();

    public DbSet<Deployment> Deployments => Set<Deployment>();

    public DbSet<DeploymentVersion> DeploymentVersions => Set<DeploymentVersion>();

    public DbSet<DeploymentKey> DeploymentKeys => Set<DeploymentKey>();

    public DbSet<Secret> Secrets => Set<Secret>();

    public DbSet<ModelEndpoint> ModelEndpoints => Set<ModelEndpoint>();

    public DbSet<AgentUsageRecord> AgentUsageRecords => Set<AgentUsageRecord>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<LessonProgress> LessonProgress => Set<LessonProgress>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public DbSet<CourseCertificate> CourseCertificates => Set<CourseCertificate>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        // OpenIddict's applications, authorizations, scopes and tokens (the OAuth 2 / OpenID Connect server).
        builder.UseOpenIddict();

        builder.Entity<HubUser>(user =>
        {
            user.Property(u => u.PrimaryOrganizationId).HasMaxLength(64);
            user.HasIndex(u => u.PrimaryOrganizationId);
        });

        builder.Entity<Organization>(org =>
        {
            org.ToTable("Organizations");
            org.Property(o => o.Id).HasMaxLength(64);
            org.Property(o => o.Slug).HasMaxLength(64);
            org.Property(o => o.Name).HasMaxLength(200);
            org.Property(o => o.Plan).HasMaxLength(32);
            org.HasIndex(o => o.Slug).IsUnique();
        });

        builder.Entity<Membership>(membership =>
        {
            membership.ToTable("Memberships");
            membership.HasKey(m => new { m.OrganizationId, m.UserId });
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            membership.HasIndex(m => m.UserId);
            membership.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<HubUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Group>(group =>
        {
            group.ToTable("Groups");
            group.Property(g => g.Id).HasMaxLength(64);
            group.Property(g => g.Name).HasMaxLength(100);
            group.HasIndex(g => new { g.OrganizationId, g.Name }).IsUnique();
            group.HasOne(g => g.Organization).WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<GroupMember>(member =>
        {
            member.ToTable("GroupMembers");
            member.HasKey(m => new { m.GroupId, m.UserId });
            member.HasOne<HubUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("ApiTokens");
            token.Property(t => t.Id).HasMaxLength(32);
            token.Property(t => t.Hash).HasMaxLength(64);
            token.Property(t => t.Prefix).HasMaxLength(8);
            token.Property(t => t.Note).HasMaxLength(500);
            token.Property(t => t.Scopes).HasMaxLength(2000);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne<HubUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("AuditEntries");
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Target).HasMaxLength(256);
            entry.Property(e => e.OrganizationId).HasMaxLength(64);
            entry.Property(e => e.Detail).HasMaxLength(2000);
            entry.Property(e => e.RemoteAddress).HasMaxLength(64);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => e.OrganizationId);
        });

        builder.Entity<UsageRecord>(usage =>
        {
            usage.ToTable("UsageRecords");
            usage.Property(u => u.KernelId).HasMaxLength(64);
            usage.Property(u => u.Month).HasMaxLength(7);
            usage.HasIndex(u => new { u.UserId, u.Month });
            usage.HasIndex(u => new { u.OrganizationId, u.Month });
        });

        builder.Entity<Deployment>(deployment =>
        {
            deployment.ToTable("Deployments");
            deployment.Property(d => d.Id).HasMaxLength(32);
            deployment.Property(d => d.Name).HasMaxLength(64);
            deployment.Property(d => d.PreviousTraffic).HasMaxLength(2000);
            deployment.HasIndex(d => new { d.OwnerId, d.Name }).IsUnique();
            deployment.HasOne<HubUser>().WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DeploymentVersion>(version =>
        {
            version.ToTable("DeploymentVersions");
            version.HasKey(v => new { v.DeploymentId, v.Number });
            version.Property(v => v.Note).HasMaxLength(500);
            // Versions made before C# functions were ONNX models.
            version.Property(v => v.Kind).HasMaxLength(16).HasDefaultValue(DeploymentKinds.Onnx);
            version.Property(v => v.Sha256).HasMaxLength(64);
            version.HasOne<Deployment>().WithMany().HasForeignKey(v => v.DeploymentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DeploymentKey>(key =>
        {
            key.ToTable("DeploymentKeys");
            key.Property(k => k.Id).HasMaxLength(32);
            key.Property(k => k.Hash).HasMaxLength(64);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.Note).HasMaxLength(500);
            key.Property(k => k.Scopes).HasMaxLength(200);
            key.HasIndex(k => k.Hash).IsUnique();
            key.HasIndex(k => k.DeploymentId);
            key.HasOne<Deployment>().WithMany().HasForeignKey(k => k.DeploymentId).OnDelete(DeleteBehavior.Cascade);
        });

        // Secrets (ciphertext only) and model endpoints belong to one user or one organization, and go with it.
        builder.Entity<Secret>(secret =>
        {
            secret.ToTable("Secrets", table => table.HasCheckConstraint("CK_Secrets_OneOwner", "(\"OwnerId\" IS NULL) <> (\"OrganizationId\" IS NULL)"));
            secret.Property(s => s.Id).HasMaxLength(32);
            secret.Property(s => s.Purpose).HasMaxLength(64);
            secret.Property(s => s.Ciphertext).HasMaxLength(16384);
            secret.Property(s => s.OrganizationId).HasMaxLength(64);
            secret.HasIndex(s => s.OwnerId);
            secret.HasIndex(s => s.OrganizationId);
            secret.HasOne<HubUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
            secret.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ModelEndpoint>(endpoint =>
        {
            endpoint.ToTable("ModelEndpoints", table => table.HasCheckConstraint("CK_ModelEndpoints_OneOwner", "(\"OwnerId\" IS NULL) <> (\"OrganizationId\" IS NULL)"));
            endpoint.Property(e => e.Id).HasMaxLength(32);
            endpoint.Property(e => e.Name).HasMaxLength(ModelEndpointNames.MaxLength);
            endpoint.Property(e => e.OrganizationId).HasMaxLength(64);
            endpoint.Property(e => e.Provider).HasMaxLength(32);
            endpoint.Property(e => e.BaseUrl).HasMaxLength(ModelEndpointFields.MaxUrlLength);
            endpoint.Property(e => e.Model).HasMaxLength(ModelEndpointFields.MaxModelLength);
            endpoint.Property(e => e.SecretId).HasMaxLength(32);

            // Names are unique per user and per organization (NULLs differ, so each index binds its own scope only).
            endpoint.HasIndex(e => new { e.OwnerId, e.Name }).IsUnique();
            endpoint.HasIndex(e => new { e.OrganizationId, e.Name }).IsUnique();
            endpoint.HasIndex(e => e.SecretId);
            endpoint.HasOne<HubUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
            endpoint.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            endpoint.HasOne<Secret>().WithMany().HasForeignKey(e => e.SecretId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<AgentUsageRecord>(usage =>
        {
            usage.ToTable("AgentUsageRecords");
            usage.Property(u => u.OrganizationId).HasMaxLength(64);
            usage.Property(u => u.Month).HasMaxLength(7);
            usage.Property(u => u.Endpoint).HasMaxLength(200);
            usage.Property(u => u.Model).HasMaxLength(200);
            usage.HasIndex(u => new { u.UserId, u.Month });
            usage.HasIndex(u => new { u.OrganizationId, u.Month });
        });

        // Courses: enrolments, lesson progress, submissions and certificates belong to the learner and go with them.
        builder.Entity<Enrolment>(enrolment =>
        {
            enrolment.ToTable("Enrolments");
            enrolment.HasKey(e => new { e.UserId, e.CourseSlug });
            enrolment.Property(e => e.CourseSlug).HasMaxLength(64);
            enrolment.HasIndex(e => e.CourseSlug);
            enrolment.HasOne<HubUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<LessonProgress>(progress =>
        {
            progress.ToTable("LessonProgress");
            progress.HasKey(p => new { p.UserId, p.CourseSlug, p.LessonId });
            progress.Property(p => p.CourseSlug).HasMaxLength(64);
            progress.Property(p => p.LessonId).HasMaxLength(128);
            progress.HasOne<HubUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Submission>(submission =>
        {
            submission.ToTable("Submissions");
            submission.Property(s => s.Id).HasMaxLength(32);
            submission.Property(s => s.CourseSlug).HasMaxLength(64);
            submission.Property(s => s.AssignmentId).HasMaxLength(128);
            submission.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            submission.Property(s => s.Failure).HasMaxLength(4000);
            submission.HasIndex(s => new { s.UserId, s.CourseSlug, s.AssignmentId });
            submission.HasIndex(s => new { s.CourseSlug, s.AssignmentId });
            submission.HasIndex(s => s.Status);
            submission.HasOne<HubUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CourseCertificate>(certificate =>
        {
            certificate.ToTable("CourseCertificates");
            certificate.Property(c => c.Id).HasMaxLength(64);
            certificate.Property(c => c.CourseSlug).HasMaxLength(64);
            certificate.HasIndex(c => new { c.UserId, c.CourseSlug });
            certificate.HasOne<HubUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
