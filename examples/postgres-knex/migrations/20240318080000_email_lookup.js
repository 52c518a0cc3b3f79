exports.up = function (knex) {
    return knex.raw(
        "CREATE INDEX CONCURRENTLY accounts_lower_email_idx ON accounts (lower(email))"
    );
};

exports.down = function (knex) {
    return knex.raw("DROP INDEX CONCURRENTLY IF EXISTS accounts_lower_email_idx");
};
