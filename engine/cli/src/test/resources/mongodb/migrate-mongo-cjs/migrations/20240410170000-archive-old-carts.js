module.exports = {
  async up(db, client) {
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await db.collection('carts').aggregate([
          { $match: { updatedAt: { $lt: new Date('2023-01-01') } } },
          { $out: 'carts_archive' },
        ]).toArray();
        await db.collection('carts').deleteMany({ updatedAt: { $lt: new Date('2023-01-01') } });
      });
    } finally {
      await session.endSession();
    }
  },
};
