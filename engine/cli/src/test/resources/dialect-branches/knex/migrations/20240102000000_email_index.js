exports.config = { transaction: false };

exports.up = async function (knex) {
  if (knex.client.config.client === "pg") {
    await knex.raw("CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)");
  } else {
    await knex.raw("ALTER TABLE accounts ADD INDEX accounts_email_idx (email), ALGORITHM=INPLACE, LOCK=NONE");
  }
  switch (knex.client.dialect) {
    case "mysql":
      await knex.raw("ALTER TABLE accounts MODIFY email varchar(320) NOT NULL, ALGORITHM=COPY");
      break;
    case "postgresql":
      await knex.raw("ALTER TABLE accounts ADD CONSTRAINT accounts_email_len CHECK (length(email) < 320) NOT VALID");
      break;
    default:
      await knex.raw("PRAGMA foreign_keys = ON");
  }
  if (!["sqlite3", "better-sqlite3"].includes(knex.client.config.client)) {
    await knex.schema.alterTable("accounts", (t) => {
      t.index(["id", "email"], "accounts_id_email_idx");
    });
  }
};

exports.down = async function (knex) {
  await knex.raw("DROP INDEX accounts_email_idx");
};
