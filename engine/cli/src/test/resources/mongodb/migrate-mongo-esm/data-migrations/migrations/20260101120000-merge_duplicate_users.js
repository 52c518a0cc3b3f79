export const up = async (db, client) => {
  const users = db.collection('User');
  const products = db.collection('PrivateCloudProduct');
  const tasks = db.collection('Task');

  const byNewest = (a, b) => (b.updatedAt?.getTime?.() ?? 0) - (a.updatedAt?.getTime?.() ?? 0);

  // helper: point a reference field from one user to another
  const repoint = async (col, field, oldId, newId, session) => {
    const res = await col.updateMany({ [field]: oldId }, { $set: { [field]: newId } }, { session });
    return res?.modifiedCount ?? 0;
  };

  const dup = await users
    .aggregate([
      { $match: { email: { $exists: true } } },
      { $group: { _id: '$email', ids: { $push: '$_id' }, count: { $sum: 1 } } },
      { $match: { count: { $gt: 1 } } },
    ])
    .toArray();

  for (const group of dup) {
    const members = await users.find({ _id: { $in: group.ids } }).toArray();
    members.sort(byNewest);
    const [keep, ...drop] = members;
    for (const old of drop) {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          await repoint(products, 'projectOwnerId', old._id, keep._id, session);
          await repoint(tasks, 'completedBy', old._id, keep._id, session);
          await users.deleteOne({ _id: old._id }, { session });
        });
      } finally {
        await session.endSession();
      }
    }
  }
  console.log(`merged ${dup.length} groups`);
};

export const down = async () => {};
