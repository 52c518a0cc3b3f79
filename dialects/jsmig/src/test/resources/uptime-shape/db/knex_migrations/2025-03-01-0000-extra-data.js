const { seedRegions } = require("../../server/regions");

exports.up = async function (knex) {
    await seedRegions(knex);
    await knex.schema.alterTable("probe", (table) => {
        ["eu", "us"].forEach((r) => table.boolean("in_" + r).defaultTo(false));
    });
};

exports.down = async function (knex) {
};
