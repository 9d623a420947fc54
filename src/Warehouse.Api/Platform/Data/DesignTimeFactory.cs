using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the Api or reaching a database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WarehouseDb>
{
    public WarehouseDb CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<WarehouseDb>()
            .UseNpgsql("Host=localhost;Database=design_time", npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .Options,
        new TenantContext());
}
