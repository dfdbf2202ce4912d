using System.Data.Common;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongkai.Tests.Data;

/// <summary>
/// Writes entities into a database migrated to an older schema: an INSERT of the columns that schema has, with each
/// value bound through the model's own type mapping and its converter (so a Guid, an enum or a date is stored as the platform stores it).
/// Saving through the model would name every column the model has now, and a later migration's new column would
/// break every test that writes old rows.
/// </summary>
internal static class OlderSchemaRows
{
    public static async Task InsertAsync<T>(GongkaiDbContext db, IEnumerable<T> rows)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name + " is not in the model.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }

        var existing = await ColumnsAsync(connection, table, db.Database.IsSqlite());
        var properties = entityType.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(store)))
            .Where(p => p.Column is not null && existing.Contains(p.Column))
            .ToList();
        foreach (var row in rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var names = new List<string>();
            var values = new List<string>();
            for (var i = 0; i < properties.Count; i++)
            {
                var (property, column) = properties[i];
                var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                var value = property.PropertyInfo?.GetValue(row) ?? property.FieldInfo?.GetValue(row);
                var parameter = mapping.CreateParameter(command, "p" + i, value, property.IsNullable);
                command.Parameters.Add(parameter);
                names.Add("\"" + column + "\"");
                values.Add((db.Database.IsSqlite() ? "$" : "@") + "p" + i);
            }

            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbConnection connection, string table, bool sqlite)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sqlite
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'";
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
