namespace Warehouse.Api.Features.Search;

/// <summary>
/// Proves the search index (<c>listed_offers</c>, <c>listed_capacity</c>; migration SearchListings) equals what its
/// sources say: one read-only statement compares what the triggers kept with what the set-based functions compute from
/// the source tables, in one snapshot, and counts the rows that differ (0 when the index is exact). Run by the tests
/// after flows that change listings, and by the benchmark after its run. Needs a role that row security does not
/// bind (the superuser), since it reads every operator; it takes no locks, so writers carry on meanwhile.
/// </summary>
public static class SearchIndexCheck
{
    public const string DriftSql = """
        WITH fresh_offers AS MATERIALIZED (SELECT * FROM fresh_listed_offers(NULL)),
             fresh_capacity AS MATERIALIZED (SELECT * FROM fresh_listed_capacity(NULL))
        SELECT (SELECT count(*) FROM ((SELECT * FROM listed_offers EXCEPT ALL SELECT * FROM fresh_offers)
                                      UNION ALL (SELECT * FROM fresh_offers EXCEPT ALL SELECT * FROM listed_offers)) d)
             + (SELECT count(*) FROM ((SELECT * FROM listed_capacity EXCEPT ALL SELECT * FROM fresh_capacity)
                                      UNION ALL (SELECT * FROM fresh_capacity EXCEPT ALL SELECT * FROM listed_capacity)) d)
        """;
}
