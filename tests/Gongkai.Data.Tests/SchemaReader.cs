using System.Data.Common;
using Gongkai.Data;

namespace Gongkai.Tests.Data;

/// <summary>Reads a database's schema from its catalog as sorted lines, so two schemas compare as text.</summary>
internal static class SchemaReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        var lines = database.Provider == DatabaseProviders.Sqlite ? await SqliteAsync(connection) : await PostgresAsync(connection);
        return [.. lines.Where(l => !l.Contains("__EFMigrations", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Select(t => t[0]))
        {
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"fk {table}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }

            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                lines.Add($"index {table}.{i[0]} unique={i[1]} origin={i[2]} ({string.Join(',', columns.Select(c => c[0]))})");
            }
        }

        foreach (var other in await QueryAsync(connection, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')"))
        {
            lines.Add($"{other[0]} {other[1]} {other[2]}");
        }

        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable,
                   coalesce(column_default, ''), is_identity, coalesce(generation_expression, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]} generated={c[7]}");
        }

        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        {
            lines.Add($"index {i[0]} {i[1]}");
        }

        foreach (var f in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('f', 'p', 'u', 'c')
            """))
        {
            lines.Add($"constraint {f[0]}.{f[1]} {f[2]}");
        }

        foreach (var t in await QueryAsync(connection, "SELECT event_object_table, trigger_name, action_statement FROM information_schema.triggers WHERE trigger_schema = 'public'"))
        {
            lines.Add($"trigger {t[0]}.{t[1]} {t[2]}");
        }

        foreach (var f in await QueryAsync(connection, "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"))
        {
            lines.Add($"function {f[0]}");
        }

        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }
}
