export const up = async (db, client) => {
  await db.collection('PrivateCloudComment').updateMany({}, { $rename: { projectId: 'productId' } });
  await db.collection('PublicCloudComment').updateMany({}, { $rename: { projectId: 'productId' } });
};

export const down = async (db, client) => {};
