using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// The rows <c>SaveChanges</c> would insert for the entities added to a unit of work, as SQL to send in a batch of our
/// own: for work whose inserts must travel in the same statement as a lock and a conditional update (a booking, see
/// <see cref="Features.Bookings.BookingDesk"/>). Columns, types and value conversions come from EF's model, so the row is
/// the one EF would write; the audit entries and the tenant guard of <see cref="WarehouseDb.TakeAddedRows"/> apply as
/// for any save.
/// </summary>
public sealed class AddedRow
{
    private AddedRow(string table, IReadOnlyList<string> columns, IReadOnlyList<DbParameter> values)
        => (Table, Columns, Values) = (table, columns, values);

    public string Table { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<DbParameter> Values { get; }

    /// <summary>
    /// <c>INSERT INTO table (…) SELECT $n, … WHERE condition</c>: the row is written only if the condition (SQL of the
    /// same statement) holds. Copies of the values are added to <paramref name="parameters"/>: a parameter belongs to one
    /// command, and a row may be sent again (a batch that rolled back, retried row by row).
    /// </summary>
    public string InsertWhere(PositionalParameters parameters, string condition)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(Table).Append(" (").AppendJoin(", ", Columns).Append(") SELECT ");
        sql.AppendJoin(", ", Values.Select(value => parameters.Add(((NpgsqlParameter)value).Clone())));
        return sql.Append(" WHERE ").Append(condition).ToString();
    }

    /// <summary>One row per added entry; anything but inserts, or a value the database would have to generate, is refused.</summary>
    internal static List<AddedRow> From(ChangeTracker tracker)
    {
        var rows = new List<AddedRow>();
        // A parameter needs a command to be created from; it is not attached to it.
        using var scratch = new NpgsqlCommand();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            if (entry.State != EntityState.Added)
                throw new InvalidOperationException($"Only new rows can be sent this way; {entry.Metadata.ClrType.Name} is {entry.State}.");
            var columns = new List<string>();
            var values = new List<DbParameter>();
            Collect(entry.Properties, scratch, columns, values);
            foreach (var complex in entry.ComplexProperties) CollectComplex(complex, scratch, columns, values);
            rows.Add(new AddedRow(entry.Metadata.GetTableName()!, columns, values));
        }
        return rows;
    }

    private static void CollectComplex(ComplexPropertyEntry complex, NpgsqlCommand scratch, List<string> columns, List<DbParameter> values)
    {
        Collect(complex.Properties, scratch, columns, values);
        foreach (var nested in complex.ComplexProperties) CollectComplex(nested, scratch, columns, values);
    }

    private static void Collect(IEnumerable<PropertyEntry> properties, NpgsqlCommand scratch, List<string> columns, List<DbParameter> values)
    {
        foreach (var property in properties)
        {
            var metadata = property.Metadata;
            // Columns the database fills itself (xmin) are never written, as in SaveChanges.
            if (metadata.GetBeforeSaveBehavior() == PropertySaveBehavior.Ignore) continue;
            if (property.IsTemporary || metadata.GetDefaultValueSql() is not null || metadata.GetComputedColumnSql() is not null)
                throw new InvalidOperationException($"{metadata.DeclaringType.DisplayName()}.{metadata.Name} needs a value from the database; save it through EF.");
            columns.Add(metadata.GetColumnName());
            // The type mapping converts the value (enums to their names) and types the parameter as EF would.
            values.Add(metadata.GetRelationalTypeMapping().CreateParameter(scratch, "", property.CurrentValue, metadata.IsNullable));
        }
    }
}

/// <summary>Numbers positional parameters ($1, $2, …) for one statement of a batch.</summary>
public sealed class PositionalParameters
{
    public List<NpgsqlParameter> All { get; } = [];

    /// <summary>Adds a value (its type inferred) and answers its placeholder.</summary>
    public string Add(object value) => Add(new NpgsqlParameter { Value = value });

    public string Add(DbParameter parameter)
    {
        All.Add((NpgsqlParameter)parameter);
        return "$" + All.Count;
    }

    public NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(All.ToArray());
        return command;
    }
}
