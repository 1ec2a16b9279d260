CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "IsAdmin" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastActivity" INTEGER NULL,
    "PrimaryOrganizationId" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "OrganizationId" TEXT NULL,
    "Detail" TEXT NOT NULL,
    "RemoteAddress" TEXT NULL
);

CREATE TABLE "Organizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "IsPersonal" INTEGER NOT NULL,
    "Plan" TEXT NOT NULL,
    "StorageBytesLimit" INTEGER NULL,
    "GpuSecondsPerMonthLimit" REAL NULL,
    "ConcurrentKernelsLimit" INTEGER NULL,
    "ProjectsLimit" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "UsageRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UsageRecords" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "KernelId" TEXT NOT NULL,
    "Month" TEXT NOT NULL,
    "KernelSeconds" REAL NOT NULL,
    "GpuSeconds" REAL NOT NULL,
    "RecordedAt" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApiTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "LastActivity" INTEGER NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Groups" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Groups" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Groups_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Memberships" (
    "OrganizationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "JoinedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_Memberships" PRIMARY KEY ("OrganizationId", "UserId"),
    CONSTRAINT "FK_Memberships_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Memberships_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "GroupMembers" (
    "GroupId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_GroupMembers" PRIMARY KEY ("GroupId", "UserId"),
    CONSTRAINT "FK_GroupMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_GroupMembers_Groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "Groups" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");

CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_PrimaryOrganizationId" ON "AspNetUsers" ("PrimaryOrganizationId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_OrganizationId" ON "AuditEntries" ("OrganizationId");

CREATE INDEX "IX_GroupMembers_UserId" ON "GroupMembers" ("UserId");

CREATE UNIQUE INDEX "IX_Groups_OrganizationId_Name" ON "Groups" ("OrganizationId", "Name");

CREATE INDEX "IX_Memberships_UserId" ON "Memberships" ("UserId");

CREATE UNIQUE INDEX "IX_Organizations_Slug" ON "Organizations" ("Slug");

CREATE INDEX "IX_UsageRecords_OrganizationId_Month" ON "UsageRecords" ("OrganizationId", "Month");

CREATE INDEX "IX_UsageRecords_UserId_Month" ON "UsageRecords" ("UserId", "Month");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126004956_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "OpenIddictApplications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictApplications" PRIMARY KEY,
    "ApplicationType" TEXT NULL,
    "ClientId" TEXT NULL,
    "ClientSecret" TEXT NULL,
    "ClientType" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "ConsentType" TEXT NULL,
    "DisplayName" TEXT NULL,
    "DisplayNames" TEXT NULL,
    "JsonWebKeySet" TEXT NULL,
    "Permissions" TEXT NULL,
    "PostLogoutRedirectUris" TEXT NULL,
    "Properties" TEXT NULL,
    "RedirectUris" TEXT NULL,
    "Requirements" TEXT NULL,
    "Settings" TEXT NULL
);

CREATE TABLE "OpenIddictScopes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictScopes" PRIMARY KEY,
    "ConcurrencyToken" TEXT NULL,
    "Description" TEXT NULL,
    "Descriptions" TEXT NULL,
    "DisplayName" TEXT NULL,
    "DisplayNames" TEXT NULL,
    "Name" TEXT NULL,
    "Properties" TEXT NULL,
    "Resources" TEXT NULL
);

CREATE TABLE "OpenIddictAuthorizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictAuthorizations" PRIMARY KEY,
    "ApplicationId" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "CreationDate" TEXT NULL,
    "Properties" TEXT NULL,
    "Scopes" TEXT NULL,
    "Status" TEXT NULL,
    "Subject" TEXT NULL,
    "Type" TEXT NULL,
    CONSTRAINT "FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "OpenIddictApplications" ("Id")
);

CREATE TABLE "OpenIddictTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictTokens" PRIMARY KEY,
    "ApplicationId" TEXT NULL,
    "AuthorizationId" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "CreationDate" TEXT NULL,
    "ExpirationDate" TEXT NULL,
    "Payload" TEXT NULL,
    "Properties" TEXT NULL,
    "RedemptionDate" TEXT NULL,
    "ReferenceId" TEXT NULL,
    "Status" TEXT NULL,
    "Subject" TEXT NULL,
    "Type" TEXT NULL,
    CONSTRAINT "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "OpenIddictApplications" ("Id"),
    CONSTRAINT "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId" FOREIGN KEY ("AuthorizationId") REFERENCES "OpenIddictAuthorizations" ("Id")
);

CREATE UNIQUE INDEX "IX_OpenIddictApplications_ClientId" ON "OpenIddictApplications" ("ClientId");

CREATE INDEX "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type" ON "OpenIddictAuthorizations" ("ApplicationId", "Status", "Subject", "Type");

CREATE UNIQUE INDEX "IX_OpenIddictScopes_Name" ON "OpenIddictScopes" ("Name");

CREATE INDEX "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type" ON "OpenIddictTokens" ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_OpenIddictTokens_AuthorizationId" ON "OpenIddictTokens" ("AuthorizationId");

CREATE UNIQUE INDEX "IX_OpenIddictTokens_ReferenceId" ON "OpenIddictTokens" ("ReferenceId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126014100_OpenIddict', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Deployments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Deployments" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "PreviousTraffic" TEXT NULL,
    CONSTRAINT "FK_Deployments_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DeploymentKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DeploymentKeys" PRIMARY KEY,
    "DeploymentId" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastUsedAt" INTEGER NULL,
    CONSTRAINT "FK_DeploymentKeys_Deployments_DeploymentId" FOREIGN KEY ("DeploymentId") REFERENCES "Deployments" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DeploymentVersions" (
    "DeploymentId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "Schema" TEXT NOT NULL,
    "TrafficPercent" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_DeploymentVersions" PRIMARY KEY ("DeploymentId", "Number"),
    CONSTRAINT "FK_DeploymentVersions_Deployments_DeploymentId" FOREIGN KEY ("DeploymentId") REFERENCES "Deployments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DeploymentKeys_DeploymentId" ON "DeploymentKeys" ("DeploymentId");

CREATE UNIQUE INDEX "IX_DeploymentKeys_Hash" ON "DeploymentKeys" ("Hash");

CREATE UNIQUE INDEX "IX_Deployments_OwnerId_Name" ON "Deployments" ("OwnerId", "Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126095522_Deployments', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AgentUsageRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AgentUsageRecords" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "Month" TEXT NOT NULL,
    "Endpoint" TEXT NULL,
    "Model" TEXT NOT NULL,
    "InputTokens" INTEGER NOT NULL,
    "OutputTokens" INTEGER NOT NULL,
    "CostUsd" REAL NOT NULL,
    "Agents" INTEGER NOT NULL,
    "Orchestration" INTEGER NOT NULL,
    "RecordedAt" INTEGER NOT NULL
);

CREATE TABLE "Secrets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Secrets" PRIMARY KEY,
    "Purpose" TEXT NOT NULL,
    "Ciphertext" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "OrganizationId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "CK_Secrets_OneOwner" CHECK (("OwnerId" IS NULL) <> ("OrganizationId" IS NULL)),
    CONSTRAINT "FK_Secrets_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Secrets_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ModelEndpoints" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ModelEndpoints" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "OrganizationId" TEXT NULL,
    "Provider" TEXT NOT NULL,
    "BaseUrl" TEXT NOT NULL,
    "Model" TEXT NOT NULL,
    "SecretId" TEXT NULL,
    "InputCostPerMillion" REAL NULL,
    "OutputCostPerMillion" REAL NULL,
    "IsDefault" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "CK_ModelEndpoints_OneOwner" CHECK (("OwnerId" IS NULL) <> ("OrganizationId" IS NULL)),
    CONSTRAINT "FK_ModelEndpoints_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ModelEndpoints_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ModelEndpoints_Secrets_SecretId" FOREIGN KEY ("SecretId") REFERENCES "Secrets" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_AgentUsageRecords_OrganizationId_Month" ON "AgentUsageRecords" ("OrganizationId", "Month");

CREATE INDEX "IX_AgentUsageRecords_UserId_Month" ON "AgentUsageRecords" ("UserId", "Month");

CREATE UNIQUE INDEX "IX_ModelEndpoints_OrganizationId_Name" ON "ModelEndpoints" ("OrganizationId", "Name");

CREATE UNIQUE INDEX "IX_ModelEndpoints_OwnerId_Name" ON "ModelEndpoints" ("OwnerId", "Name");

CREATE INDEX "IX_ModelEndpoints_SecretId" ON "ModelEndpoints" ("SecretId");

CREATE INDEX "IX_Secrets_OrganizationId" ON "Secrets" ("OrganizationId");

CREATE INDEX "IX_Secrets_OwnerId" ON "Secrets" ("OwnerId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126120214_ModelEndpoints', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "CourseCertificates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CourseCertificates" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CourseSlug" TEXT NOT NULL,
    "Score" REAL NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "Jwt" TEXT NOT NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_CourseCertificates_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Enrolments" (
    "UserId" TEXT NOT NULL,
    "CourseSlug" TEXT NOT NULL,
    "EnrolledAt" INTEGER NOT NULL,
    CONSTRAINT "PK_Enrolments" PRIMARY KEY ("UserId", "CourseSlug"),
    CONSTRAINT "FK_Enrolments_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LessonProgress" (
    "UserId" TEXT NOT NULL,
    "CourseSlug" TEXT NOT NULL,
    "LessonId" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    CONSTRAINT "PK_LessonProgress" PRIMARY KEY ("UserId", "CourseSlug", "LessonId"),
    CONSTRAINT "FK_LessonProgress_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Submissions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Submissions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CourseSlug" TEXT NOT NULL,
    "AssignmentId" TEXT NOT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "DueAt" INTEGER NULL,
    "DaysLate" INTEGER NOT NULL,
    "LatePenaltyPercent" REAL NOT NULL,
    "RawScore" REAL NULL,
    "Score" REAL NULL,
    "MaxScore" REAL NULL,
    "ReportJson" TEXT NULL,
    "Failure" TEXT NULL,
    "Gradings" INTEGER NOT NULL,
    "GradedAt" INTEGER NULL,
    CONSTRAINT "FK_Submissions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CourseCertificates_UserId_CourseSlug" ON "CourseCertificates" ("UserId", "CourseSlug");

CREATE INDEX "IX_Enrolments_CourseSlug" ON "Enrolments" ("CourseSlug");

CREATE INDEX "IX_Submissions_CourseSlug_AssignmentId" ON "Submissions" ("CourseSlug", "AssignmentId");

CREATE INDEX "IX_Submissions_Status" ON "Submissions" ("Status");

CREATE INDEX "IX_Submissions_UserId_CourseSlug_AssignmentId" ON "Submissions" ("UserId", "CourseSlug", "AssignmentId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126125554_Courses', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "DeploymentVersions" ADD "Kind" TEXT NOT NULL DEFAULT 'onnx';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126151532_FunctionDeployments', '10.0.15');

COMMIT;

