// migrate-mongo configuration of the worked example (the URL is read from the environment, never written here)
module.exports = {
  mongodb: {
    url: process.env.MONGODB_URI,
    databaseName: 'app',
  },
  migrationsDir: 'migrations',
  changelogCollectionName: 'changelog',
  migrationFileExtension: '.js',
  moduleSystem: 'commonjs',
};
