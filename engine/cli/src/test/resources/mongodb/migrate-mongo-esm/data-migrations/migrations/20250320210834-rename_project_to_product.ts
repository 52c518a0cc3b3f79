import type { Db, MongoClient } from 'mongodb';

const renames: Array<[string, string]> = [
  ['PrivateCloudProject', 'PrivateCloudProduct'],
  ['PublicCloudProject', 'PublicCloudProduct'],
];

export const up = async (db: Db, client: MongoClient): Promise<void> => {
  for (const [from, to] of renames) {
    const existing = await db.listCollections({ name: from }).toArray();
    if (existing.length > 0) {
      await db.collection(from).rename(to);
    }
  }
  await db.collection<{ status: string }>('PrivateCloudProduct').updateMany(
    { status: { $exists: false } },
    { $set: { status: 'ACTIVE' } },
  );
};

export const down = async (db: Db, client: MongoClient): Promise<void> => {
  await db.collection('PrivateCloudProduct').rename('PrivateCloudProject');
};
