exports.up = function (knex) {
  return knex.schema.createTable("accounts", (t) => {
    t.bigIncrements("id");
    t.text("email");
  });
};

exports.down = function (knex) {
  return knex.schema.dropTable("accounts");
};
