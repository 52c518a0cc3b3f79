exports.up = async function (knex) {
    const isSQLite = knex.client.dialect === "sqlite3";
    if (isSQLite) {
        await knex.raw("CREATE INDEX IF NOT EXISTS probe_beat_important ON probe_beat (probe_id) WHERE status = 0");
    } else {
        await knex.schema.alterTable("probe_beat", (table) => {
            table.index(["probe_id"], "probe_beat_important", {
                predicate: knex.whereRaw("status = 0"),
            });
        });
    }
    if (!(await knex.schema.hasColumn("probe", "notes"))) {
        await knex.schema.alterTable("probe", (table) => {
            table.text("notes");
        });
    }
};

exports.down = async function (knex) {
    await knex.schema.alterTable("probe_beat", (table) => {
        table.dropIndex([], "probe_beat_important");
    });
};
