// Widen accounts.plan. `.alter()` restates the whole column: Knex drops the
// default and NOT NULL first and only puts back what is written here.
exports.up = function (knex) {
    return knex.schema.alterTable("accounts", function (table) {
        table.string("plan", 64).alter();
    });
};

exports.down = function (knex) {
    return knex.schema.alterTable("accounts", function (table) {
        table.string("plan", 20).notNullable().defaultTo("free").alter();
    });
};
