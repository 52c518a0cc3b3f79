const REVIEWS = 'reviews';

export const up = async (db) => {
  // reviews older than two years are no longer shown; let the server expire them
  await db.collection(REVIEWS).createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 * 60 * 24 * 730 });
  await db.collection(REVIEWS).createIndex({ bookId: 1, userId: 1 }, { unique: true });
  await db.collection(REVIEWS).updateMany({}, { $rename: { text: 'body' } });
};

export const down = async () => {};
