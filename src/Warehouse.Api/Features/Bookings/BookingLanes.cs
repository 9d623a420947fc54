using System.Diagnostics.Metrics;
using Npgsql;
using static Warehouse.Api.Features.Bookings.BookingDesk;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// Where new bookings of one offer queue while an earlier one of that offer is being decided; the queue is then decided
/// together, in arrival order, in one round trip (<see cref="BookingDesk.DecideAsync"/>): one lock of the offer and one
/// commit for all of them instead of one each. Each booking is still judged on its own, all or nothing, on the days as
/// the bookings before it left them.
/// <para>Why: with durable commits the offer's lock is held until the commit's WAL flush, so on an offer everyone wants
/// at once (a release of cheap space before peak season) bookings queued on the lock one flush at a time, and every
/// waiting request held a connection and a database backend on the same two cores. Now one backend works on the
/// offer and the others wait here, in memory. Bookings of different offers never wait for each other, and a booking of
/// an offer nobody else is booking goes straight through.</para>
/// <para>Only an optimisation inside one process: the offer's row lock still orders bookings across processes and
/// against the operator's edits, cancellations and the expiry job.</para>
/// <para>Once queued, a booking is decided even if its caller goes away (as a statement already sent would be): the
/// answer is then recorded against its idempotency key, so a retry with the key gets it instead of a second booking.</para>
/// </summary>
public sealed class BookingLanes(NpgsqlDataSource database, ILogger<BookingLanes> logger, IMeterFactory meters)
{
    /// <summary>Bookings decided in one round trip at most; a longer queue is taken in turns, in arrival order.</summary>
    public const int MaxTogether = 32;

    /// <summary>Bookings waiting per offer that has one being decided; an offer is absent when nothing of it is in flight.</summary>
    private readonly Dictionary<(Guid TenantId, Guid OfferId), Queue<Waiting>> _lanes = [];

    private readonly Histogram<int> _together = meters.Create("Warehouse.Bookings")
        .CreateHistogram<int>("warehouse.bookings.decided_together", "{booking}", "Bookings of one offer decided in one round trip");

    private sealed record Waiting(PendingBooking Booking)
    {
        public TaskCompletionSource<Reservation> Decided { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Bookings of this offer waiting for the one in flight (for monitoring and tests).</summary>
    public int WaitingOn(Guid tenantId, Guid offerId)
    {
        lock (_lanes) return _lanes.TryGetValue((tenantId, offerId), out var queue) ? queue.Count : 0;
    }

    /// <summary>Decides the booking, alone or with others of its offer that arrive meanwhile.</summary>
    public async Task<Reservation> DecideAsync(PendingBooking booking)
    {
        var key = (booking.Booking.TenantId, booking.Booking.OfferId);
        var mine = new Waiting(booking);
        bool queued;
        lock (_lanes)
        {
            queued = _lanes.TryGetValue(key, out var queue);
            if (queued) queue!.Enqueue(mine);
            else _lanes[key] = new Queue<Waiting>();
        }
        if (queued) return await mine.Decided.Task;
        // Nothing of this offer in flight: this booking goes now, alone. Whoever arrives meanwhile queues behind it and is
        // decided by a background turn, so this caller's answer never waits for later bookings.
        await DecideTogetherAsync([mine]);
        if (TakeTurn(key) is { } next) _ = Task.Run(() => DrainAsync(key, next));
        return await mine.Decided.Task;
    }

    private async Task DrainAsync((Guid, Guid) key, List<Waiting> turn)
    {
        for (var next = turn; next is not null; next = TakeTurn(key)) await DecideTogetherAsync(next);
    }

    /// <summary>The next turn of the offer's queue, or null (and the lane closed) when nobody waits.</summary>
    private List<Waiting>? TakeTurn((Guid, Guid) key)
    {
        lock (_lanes)
        {
            var queue = _lanes[key];
            if (queue.Count == 0)
            {
                _lanes.Remove(key);
                return null;
            }
            var turn = new List<Waiting>(Math.Min(queue.Count, MaxTogether));
            while (turn.Count < MaxTogether && queue.TryDequeue(out var next)) turn.Add(next);
            return turn;
        }
    }

    /// <summary>Decides a turn and answers each of its callers; never throws.</summary>
    private async Task DecideTogetherAsync(List<Waiting> turn)
    {
        try
        {
            // Not the caller's cancellation: the turn is shared, and a booking sent is a booking decided.
            var reservations = await BookingDesk.DecideAsync(database, turn.Select(w => w.Booking).ToList(), CancellationToken.None);
            _together.Record(turn.Count);
            for (var i = 0; i < turn.Count; i++) turn[i].Decided.SetResult(reservations[i]);
        }
        catch (PostgresException e) when (turn.Count > 1)
        {
            // The database refused a statement, so the whole batch rolled back and nothing of it is written: decide each
            // booking again on its own, so one booking's fault is only its own answer.
            logger.LogWarning(e, "Deciding {Count} bookings of offer {OfferId} together failed ({SqlState}); deciding them one by one.",
                turn.Count, turn[0].Booking.Booking.OfferId, e.SqlState);
            foreach (var waiting in turn) await DecideTogetherAsync([waiting]);
        }
        catch (Exception e)
        {
            // Alone, or not known to have rolled back (a broken connection may have lost the answer to a commit): every
            // caller gets the error, as each would have deciding alone.
            foreach (var waiting in turn) waiting.Decided.TrySetException(e);
        }
    }
}
