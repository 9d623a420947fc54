namespace Warehouse.Web.Contracts;

/// <summary>The public headline of the city's progress to its overseas-warehouse target (GET /api/city-progress/summary).</summary>
public sealed record CityProgressSummary(decimal TargetM2, decimal ExistingM2, decimal PercentOfTarget, int Operators, int Warehouses, int Countries, DateOnly? AsOf);
