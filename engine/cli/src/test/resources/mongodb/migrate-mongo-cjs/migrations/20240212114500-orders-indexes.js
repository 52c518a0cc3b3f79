module.exports = {
  async up(db, client) {
    const orders = db.collection('orders');
    // the lookup by customer is the hot path of the account page
    await orders.createIndex({ customerId: 1, createdAt: -1 }, { name: 'customer_recent' });
    await orders.createIndex({ sku: 1 }, { unique: true, partialFilterExpression: { deleted: false } });
    await db.collection('sessions').createIndex({ lastSeen: 1 }, { expireAfterSeconds: 60 * 60 * 24 * 14 });
    await orders.dropIndex('customerId_1');
  },

  async down(db, client) {
    const orders = db.collection('orders');
    await orders.createIndex({ customerId: 1 });
    await orders.dropIndex('customer_recent');
  },
};
