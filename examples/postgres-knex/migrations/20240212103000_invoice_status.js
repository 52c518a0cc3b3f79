exports.up = async function (knex) {
    await knex.schema.alterTable("invoices", (table) => {
        table.string("status", 16).notNullable().defaultTo("open");
        table.index(["account_id", "status"]);
    });
    await knex("invoices").whereNull("status").update({ status: "open" });
};

exports.down = async function (knex) {
    await knex.schema.alterTable("invoices", (table) => {
        table.dropIndex(["account_id", "status"]);
        table.dropColumn("status");
    });
};
