exports.up = function (knex) {
    return knex.schema
        .createTable("probe", function (table) {
            table.increments("id");
            table.string("name", 150).notNullable();
            table.string("push_token", 20);
            table.boolean("active").notNullable().defaultTo(true);
            table.integer("interval").notNullable().defaultTo(60);
            table.datetime("created_date").defaultTo(knex.fn.now());
        })
        .createTable("probe_beat", function (table) {
            table.bigIncrements("id");
            table.integer("probe_id").unsigned().notNullable()
                .references("id").inTable("probe")
                .onDelete("CASCADE").onUpdate("CASCADE");
            table.smallint("status").notNullable();
            table.text("msg");
            table.index(["probe_id", "status"], "probe_beat_probe_status");
        });
};

exports.down = function (knex) {
    return knex.schema.dropTable("probe_beat").dropTable("probe");
};
