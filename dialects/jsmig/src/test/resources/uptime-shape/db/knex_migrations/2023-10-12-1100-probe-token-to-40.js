exports.up = function (knex) {
    // the token grew: widen the column
    return knex.schema
        .alterTable("probe", function (table) {
            table.string("push_token", 40).alter();
        });
};

exports.down = function (knex) {
    return knex.schema
        .alterTable("probe", function (table) {
            table.string("push_token", 20).alter();
        });
};
