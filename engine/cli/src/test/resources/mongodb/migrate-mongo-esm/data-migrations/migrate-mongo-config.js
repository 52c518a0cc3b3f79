const config = {
  mongodb: {
    url: process.env.MONGO_URL,
    databaseName: 'pltsvc',
  },
  migrationsDir: 'migrations',
  changelogCollectionName: 'DataChangelog',
  migrationFileExtension: '.js',
  useFileHash: false,
  moduleSystem: 'esm',
};

export default config;
