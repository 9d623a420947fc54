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
        SELECT (SELECT count(*) FROM ((TABLE listed_offers EXCEPT ALL SELECT * FROM fresh_listed_offers(NULL))
                                      UNION ALL (SELECT * FROM fresh_listed_offers(NULL) EXCEPT ALL TABLE listed_offers)) d)
             + (SELECT count(*) FROM ((TABLE listed_capacity EXCEPT ALL SELECT * FROM fresh_listed_capacity(NULL))
                                      UNION ALL (SELECT * FROM fresh_listed_capacity(NULL) EXCEPT ALL TABLE listed_capacity)) d)
        """;
}
