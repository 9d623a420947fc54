using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Warehouse.Api.Platform.Audit;
using Warehouse.Domain;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// A row as <c>SaveChanges</c> would insert it, as SQL to send in a batch of our own: for work whose inserts must travel
/// in the same statement as a lock and a conditional update (a booking, see <see cref="Features.Bookings.BookingDesk"/>).
/// Built by <see cref="NewRows"/>.
/// </summary>
public sealed class AddedRow
{
    internal AddedRow(string table, IReadOnlyList<string> columns, IReadOnlyList<DbParameter> values)
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
}

/// <summary>
/// Rows of new entities and their audit entries straight from EF's model (one per process) and the entities
/// themselves, without a <c>DbContext</c>: columns, types and value conversions are the model's, so a row is the one EF
/// would write. A context per booking (a service scope, the context's internal services, attaching the graph, detecting
/// changes) was about a quarter of the Api's CPU per booking in the benchmark's profile. What a save adds on top is the
/// caller's to keep: the tenant guard (every row of the unit of work's tenant) and one audit entry per audited entity
/// (<see cref="Audited"/>).
/// </summary>
public sealed class NewRows(IModel model)
{
    /// <summary>The model of <see cref="WarehouseDb"/>, read once from a context of the container.</summary>
    public static NewRows From(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return new NewRows(scope.ServiceProvider.GetRequiredService<WarehouseDb>().Model);
    }

    /// <summary>The row of a new entity. Anything the database would have to fill in is refused.</summary>
    public AddedRow Row(object entity)
    {
        var type = model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not mapped.");
        var columns = new List<string>();
        var values = new List<DbParameter>();
        // A parameter needs a command to be created from; it is not attached to it.
        using var scratch = new NpgsqlCommand();
        Collect(type.GetProperties(), entity, scratch, columns, values);
        foreach (var complex in type.GetComplexProperties()) CollectComplex(complex, entity, scratch, columns, values);
        return new AddedRow(type.GetTableName()!, columns, values);
    }

    /// <summary>The row of the audit entry that records the creation of <paramref name="entity"/> by <paramref name="userId"/>.</summary>
    public AddedRow Audited(IAudited entity, Guid? userId, DateTimeOffset now)
        => Row(AuditTrail.Created(model.FindEntityType(entity.GetType())!, entity, userId, now));

    private static void CollectComplex(IComplexProperty complex, object entity, NpgsqlCommand scratch, List<string> columns, List<DbParameter> values)
    {
        Collect(complex.ComplexType.GetProperties(), entity, scratch, columns, values);
        foreach (var nested in complex.ComplexType.GetComplexProperties()) CollectComplex(nested, entity, scratch, columns, values);
    }

    private static void Collect(IEnumerable<IProperty> properties, object entity, NpgsqlCommand scratch, List<string> columns, List<DbParameter> values)
    {
        foreach (var property in properties)
        {
            // Columns the database fills itself (xmin) are never written, as in SaveChanges.
            if (property.GetBeforeSaveBehavior() == PropertySaveBehavior.Ignore) continue;
            var getter = property.GetGetter();
            if (property.IsShadowProperty() || property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null
                || (property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && getter.HasSentinelValueUsingContainingEntity(entity)))
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} needs a value from EF or the database; save it through EF.");
            columns.Add(property.GetColumnName());
            // The type mapping converts the value (enums to their names) and types the parameter as EF would.
            values.Add(property.GetRelationalTypeMapping().CreateParameter(scratch, "", getter.GetClrValueUsingContainingEntity(entity), property.IsNullable));
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
