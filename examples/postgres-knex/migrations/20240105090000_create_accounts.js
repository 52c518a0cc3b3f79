exports.up = function (knex) {
    return knex.schema
        .createTable("accounts", function (table) {
            table.increments("id");
            table.string("email", 320).notNullable().unique();
            table.string("plan", 20).notNullable().defaultTo("free");
            table.boolean("active").notNullable().defaultTo(true);
            table.timestamps(false, true);
        })
        .createTable("invoices", function (table) {
            table.bigIncrements("id");
            table.integer("account_id").unsigned().notNullable()
                .references("id").inTable("accounts").onDelete("CASCADE");
            table.decimal("amount", 12, 2).notNullable();
            table.jsonb("lines");
        });
};

exports.down = function (knex) {
    return knex.schema.dropTable("invoices").dropTable("accounts");
};
