namespace Warehouse.Web.Contracts;

/// <summary>A Suzhou county-level city, district or development zone (板块).</summary>
public sealed record District(string Code, string NameZh, string NameEn, string Kind);
