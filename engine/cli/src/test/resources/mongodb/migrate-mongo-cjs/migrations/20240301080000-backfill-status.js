const { logProgress } = require('../lib/progress');

async function backfill(db, collection, field, value) {
  const result = await db.collection(collection).updateMany(
    { [field]: { $exists: false } },
    { $set: { [field]: value } },
  );
  logProgress(collection, result.modifiedCount);
}

module.exports = {
  async up(db) {
    await backfill(db, 'orders', 'status', 'open');
    await db.collection('orders').updateMany({}, { $rename: { addr: 'shippingAddress' } });
    await db.collection('customers').updateMany({ legacy: true }, { $unset: { fax: '' } });
    for (const name of ['invoices', 'refunds']) {
      await db.collection(name).updateMany({}, { $set: { currency: 'EUR' } });
    }
  },

  async down() {},
};
