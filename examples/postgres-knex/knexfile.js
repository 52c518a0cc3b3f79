// Knex configuration: SchemaGate reads `client` (the dialect) and `migrations.directory`.
module.exports = {
  development: {
    client: "pg",
    connection: process.env.DATABASE_URL,
    migrations: {
      directory: "./migrations",
      tableName: "knex_migrations",
    },
  },
};
