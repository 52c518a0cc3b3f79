import { ensureIndexes } from '../lib/helpers.js';

export const up = async (db, client) => {
  const session = client.startSession();

  await session.withTransaction(async () => {
    await Promise.all([
      db.collection('User').createIndex({ email: 1, firstName: 1, lastName: 1 }),
      db.collection('PrivateCloudProduct').createIndex({ status: 1, licencePlate: 1 }),
      db.collection('PublicCloudProduct').createIndex({ status: 1, licencePlate: 1 }),
    ]);
  });
  await ensureIndexes(db, [['Task', { type: 1, status: 1 }]]);

  session.endSession();
};

export const down = async (db, client) => {};
