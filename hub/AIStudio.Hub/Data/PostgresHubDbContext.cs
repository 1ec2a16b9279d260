using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Data;

/// <summary>The hub's database on PostgreSQL (Npgsql), with its own migrations.</summary>
public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
