export const up = async (db) => {
  await db.collection('orders').updateMany({ status: { $exists: false } }, { $set: { status: 'completed' } });
  await db.runCommand({
    collMod: 'orders',
    validator: { $jsonSchema: { bsonType: 'object', required: ['status'], properties: { status: { enum: ['open', 'completed', 'cancelled'] } } } },
  });
};

export const down = async (db) => {
  await db.runCommand({ collMod: 'orders', validator: {} });
};
