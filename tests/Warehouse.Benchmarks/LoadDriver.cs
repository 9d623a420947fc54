using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Warehouse.Benchmarks;

/// <summary>What one phase measured. Latencies in milliseconds (from HdrHistogram, recorded in microseconds).</summary>
public sealed record PhaseResult(
    string Workload, string Target, string Mode, int Concurrency, double? RatePerSecond, double DurationSeconds,
    long Requests, long Succeeded, long Conflicts, long ServerErrors, long OtherErrors, double SucceededPerSecond, double DecisionsPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, long> Statuses)
{
    /// <summary>CPU time per request during the phase (all requests, answered or not), when /proc could be read.</summary>
    public CpuUse? Cpu { get; init; }
}

/// <summary>
/// Closed loop (a fixed number of clients, each sending its next request when the last one answered: maximum throughput)
/// and open loop (requests start on a fixed schedule whatever the answers: queueing shows as latency, measured from the
/// scheduled start, so a stall is not hidden by the stalled client sending less — no coordinated omission).
/// <c>send</c> returns the HTTP status; an exception counts as status 0.
/// </summary>
public static class LoadDriver
{
    public delegate Task<int> Send(long sequence, CancellationToken ct);

    private sealed class Recorder
    {
        private readonly LongHistogram _histogram = new(TimeSpan.FromMinutes(2).Ticks / 10, 3); // microseconds, up to 2 min
        private readonly ConcurrentDictionary<int, long> _statuses = new();
        private readonly Lock _lock = new();

        public void Record(long microseconds, int status)
        {
            // A dropped request (never sent) has no latency of its own: it is counted, not timed.
            if (status != -1) lock (_lock) _histogram.RecordValue(Math.Clamp(microseconds, 1, _histogram.HighestTrackableValue));
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        }

        public PhaseResult Result(string workload, string target, string mode, int concurrency, double? rate, double seconds)
        {
            long Count(Func<int, bool> which) => _statuses.Where(s => which(s.Key)).Sum(s => s.Value);
            var total = Count(_ => true);
            var ok = Count(s => s is >= 200 and < 300);
            var conflicts = Count(s => s == 409);
            var server = Count(s => s >= 500);
            var other = total - ok - conflicts - server;
            var timed = _histogram.TotalCount;
            double Ms(double percentile) => timed == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
            return new PhaseResult(workload, target, mode, concurrency, rate, Math.Round(seconds, 2), total, ok, conflicts, server, other,
                Math.Round(ok / seconds, 1), Math.Round((ok + conflicts) / seconds, 1),
                Math.Round(Ms(50), 2), Math.Round(Ms(95), 2), Math.Round(Ms(99), 2), timed == 0 ? 0 : Math.Round(_histogram.GetMaxValue() / 1000.0, 2),
                _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key switch { 0 => "exception or timeout", -1 => "dropped", _ => s.Key.ToString() }, s => s.Value));
        }
    }

    private static async Task<int> Guarded(Send send, long sequence, CancellationToken ct)
    {
        try { return await send(sequence, ct); }
        catch (Exception) when (!ct.IsCancellationRequested) { return 0; }
    }

    public static async Task<PhaseResult> ClosedLoopAsync(string workload, string target, int concurrency, TimeSpan duration, Send send, CancellationToken ct)
    {
        var recorder = new Recorder();
        long sequence = -1;
        var clock = Stopwatch.StartNew();
        var end = duration.Ticks;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed.Ticks < end && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var status = await Guarded(send, Interlocked.Increment(ref sequence), ct);
                recorder.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, status);
            }
        }).ToList();
        await Task.WhenAll(workers);
        return recorder.Result(workload, target, "closed", concurrency, null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Requests beyond <paramref name="maxInFlight"/> outstanding are not sent and count as failed (status -1, "dropped"),
    /// and a request is given up after <paramref name="timeout"/> (status 0): a system that cannot keep the rate shows
    /// it as errors and latency, and the phase ends soon after its schedule instead of draining a queue for minutes.
    /// </summary>
    public static async Task<PhaseResult> OpenLoopAsync(string workload, string target, double ratePerSecond, TimeSpan duration, Send send,
        CancellationToken ct, int maxInFlight = 256, TimeSpan? timeout = null)
    {
        var giveUp = timeout ?? TimeSpan.FromSeconds(10);
        var recorder = new Recorder();
        var inFlight = 0;
        var peak = 0;
        var pending = new List<Task>();
        var total = (long)(ratePerSecond * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total && !ct.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / ratePerSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                // The system is this far behind: the request is counted as failed rather than queued without bound.
                recorder.Record((long)(clock.Elapsed - due).TotalMicroseconds, -1);
                continue;
            }
            var sequence = i;
            var started = due;
            var now = Interlocked.Increment(ref inFlight);
            if (now > peak) peak = now;
            pending.Add(Task.Run(async () =>
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(giveUp);
                int status;
                try { status = await send(sequence, deadline.Token); }
                catch (Exception) when (!ct.IsCancellationRequested) { status = 0; }
                // From the scheduled start: time spent waiting for a free client counts too.
                recorder.Record((long)(clock.Elapsed - started).TotalMicroseconds, status);
                Interlocked.Decrement(ref inFlight);
            }, ct));
        }
        await Task.WhenAll(pending);
        return recorder.Result(workload, target, "open", peak, ratePerSecond, duration.TotalSeconds);
    }
}
