exports.up = async function (knex) {
    const probes = await knex("probe").select("id", "name");
    for (const probe of probes) {
        await knex("probe").where("id", probe.id).update({ name: probe.name.trim() });
    }
    await knex("probe").where("active", 0).update({ paused: true });
};

exports.down = async function (knex) {
    // nothing to undo
};
