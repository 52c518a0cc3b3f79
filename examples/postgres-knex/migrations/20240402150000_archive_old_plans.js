const { legacyPlans } = require("../lib/plans");

exports.up = async function (knex) {
    const rows = await knex("accounts").select("id", "plan");
    for (const row of rows) {
        if (legacyPlans.includes(row.plan)) {
            await knex("accounts").where({ id: row.id }).update({ plan: "legacy" });
        }
    }
    await knex.raw(`ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan <> '${legacyPlans[0]}') NOT VALID`);
};

exports.down = async function (knex) {
    await knex.raw("ALTER TABLE accounts DROP CONSTRAINT accounts_plan_check");
};
