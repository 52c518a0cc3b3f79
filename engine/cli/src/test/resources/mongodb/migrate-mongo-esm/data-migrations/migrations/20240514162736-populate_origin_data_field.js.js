export const up = async (db, client) => {
  const requests = await db.collection('PrivateCloudRequest').find({ originalDataId: { $exists: false } }).toArray();
  await Promise.all(
    requests.map((request) =>
      db.collection('PrivateCloudRequest').updateOne({ _id: request._id }, { $set: { originalDataId: request.decisionDataId } }),
    ),
  );
};

export const down = async (db, client) => {};
