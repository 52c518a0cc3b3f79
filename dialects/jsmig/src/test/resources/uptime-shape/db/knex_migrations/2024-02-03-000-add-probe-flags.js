exports.up = async function (knex) {
    await knex.schema
        .alterTable("probe", function (table) {
            table.boolean("paused").notNullable().defaultTo(false);
            table.string("region", 32).nullable();
        })
        .alterTable("probe_beat", function (table) {
            table.integer("retries").notNullable().defaultTo(0);
        });
};

exports.down = async function (knex) {
    await knex.schema.alterTable("probe", function (table) {
        table.dropColumn("paused");
        table.dropColumn("region");
    });
    await knex.schema.alterTable("probe_beat", function (table) {
        table.dropColumn("retries");
    });
};
