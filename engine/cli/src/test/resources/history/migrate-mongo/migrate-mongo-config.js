module.exports = {
  mongodb: { url: "mongodb://localhost:27017", databaseName: "app" },
  migrationsDir: "migrations",
  changelogCollectionName: "changelog",
};
