namespace Warehouse.Api.Features.CityProgress;

/// <summary>A projection of the existing area to a deadline, with the method stated.</summary>
public sealed record ProjectionResult(
    string Method, DateOnly Deadline, int PointsUsed, double? SlopeM2PerDay, decimal? ProjectedAtDeadlineM2,
    bool Reached, DateOnly? ReachedOn, decimal? ShortfallM2, string Statement);

public static class Projection
{
    public const int WindowDays = 90;
    public const string Method =
        "Least-squares straight line through the daily existing-area totals of the snapshots in the last 90 days up to the as-of date, extended to the deadline.";

    /// <summary>
    /// Fits y = a + b·x over the points of <paramref name="series"/> within <see cref="WindowDays"/> days up to
    /// <paramref name="asOf"/> (x in days). Reached: already at or above the target, or the line crosses it on or
    /// before the deadline (the first whole day at or above it). Otherwise the shortfall is the target minus the
    /// line's value at the deadline (not less than the current total when the line falls).
    /// </summary>
    public static ProjectionResult Compute(IReadOnlyList<(DateOnly Date, decimal ExistingM2)> series, DateOnly asOf, decimal target, DateOnly deadline)
    {
        var points = series.Where(p => p.Date <= asOf && p.Date > asOf.AddDays(-WindowDays)).OrderBy(p => p.Date).ToList();
        if (points.Count == 0)
            return new ProjectionResult(Method, deadline, 0, null, null, false, null, target, "No snapshot yet: take one first.");
        var current = points[^1].ExistingM2;
        if (current >= target)
            return new ProjectionResult(Method, deadline, points.Count, null, current, true, points.First(p => p.ExistingM2 >= target).Date, 0m,
                $"The target is reached (on {points.First(p => p.ExistingM2 >= target).Date:yyyy-MM-dd}).");
        if (points.Count < 2)
            return new ProjectionResult(Method, deadline, 1, null, current, false, null, target - current,
                $"Only one snapshot: no trend yet; shortfall of {target - current:0} m² today.");

        var origin = points[^1].Date;
        var xs = points.Select(p => (double)(p.Date.DayNumber - origin.DayNumber)).ToArray();
        var ys = points.Select(p => (double)p.ExistingM2).ToArray();
        double mx = xs.Average(), my = ys.Average();
        double sxx = xs.Sum(x => (x - mx) * (x - mx)), sxy = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum();
        var slope = sxx == 0 ? 0 : sxy / sxx;
        var intercept = my - slope * mx; // value of the line on the last snapshot's date
        var horizon = deadline.DayNumber - origin.DayNumber;
        var atDeadline = (decimal)Math.Round(Math.Max(0, intercept + slope * horizon), 0);

        if (slope > 0)
        {
            var day = (int)Math.Ceiling(((double)target - intercept) / slope);
            if (day <= horizon)
            {
                var on = origin.AddDays(Math.Max(day, 0));
                return new ProjectionResult(Method, deadline, points.Count, slope, atDeadline, true, on, 0m,
                    $"At the current pace the target is reached on {on:yyyy-MM-dd}.");
            }
        }
        var shortfall = target - Math.Max(atDeadline, slope < 0 ? current : atDeadline);
        shortfall = Math.Max(0, shortfall);
        return new ProjectionResult(Method, deadline, points.Count, slope, atDeadline, false, null, shortfall,
            $"At the current pace there is a shortfall of {shortfall:0} m² on {deadline:yyyy-MM-dd}.");
    }
}
